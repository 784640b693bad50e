using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Contracts.IntegrationEvents;
using Platform.Contracts.Territory;
using Platform.Gateway.Profiles.Signals;

namespace Platform.Gateway.Profiles.Views;

public enum RecordVisibility { Hidden, Shown, WithoutDiagnosis, DiagnosisAsCategory }

public sealed record VisibleRecord(AgencyRecordEvent Event, JsonObject Details)
{
    public string Key => ProfileRecord.KeyOf(Event);
    public string Kind => ProfileProjection.KindOf(Event);
}

public sealed record VisibleSignal(string Code, string Title, string Basis, IReadOnlyList<string> Evidence, DateTimeOffset RaisedAt)
{
    public DateTimeOffset? ClearedAt { get; init; }
}

/// <summary>A child's profile as one viewer may see it; <see cref="Signals"/> are the open ones, <see cref="ClearedSignals"/> the past.</summary>
public sealed record ProfileView(
    string Iin, DateOnly BirthDate, string Sex, IReadOnlyList<ReportedIdentity> Identity, IReadOnlyList<VisibleRecord> Records,
    IReadOnlyList<VisibleSignal> Signals, IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<string> HiddenKinds)
{
    public IReadOnlyList<VisibleSignal> ClearedSignals { get; init; } = [];

    /// <summary>What the audit trail records as read: identity, each kind of record shown, signals and timeline.</summary>
    public IReadOnlyList<string> Sections =>
        ["identity", .. Records.Select(r => r.Kind).Distinct().Order(StringComparer.Ordinal),
         .. Signals.Count + ClearedSignals.Count > 0 ? ["signals"] : Array.Empty<string>(), "timeline"];
}

public abstract record OpenDecision
{
    public sealed record Allowed : OpenDecision;
    public sealed record AllowedByBreakGlass(string Reason) : OpenDecision;
    public sealed record Denied(string Reason) : OpenDecision;
}

/// <summary>
/// The one place that says who may open a child's profile and what each viewer sees of it. An agency system sees
/// its agency's view (an education system sees needs and support, not diagnoses); commission staff see everything,
/// with diagnoses as their ICD-10 categories; other staff see no profiles. A signal is shown only when every record
/// that raised it is shown, so a signal cannot leak what its evidence hides.
/// </summary>
public static class ProfileViewPolicy
{
    private const RecordVisibility H = RecordVisibility.Hidden, S = RecordVisibility.Shown,
        D = RecordVisibility.WithoutDiagnosis, C = RecordVisibility.DiagnosisAsCategory;

    //                                                   education health social commission
    private static readonly Dictionary<string, RecordVisibility[]> Table = new()
    {
        [nameof(EnrolmentRecorded)] = [S, S, S, S],
        [nameof(SpecialNeedsAssessed)] = [S, S, S, S],
        [nameof(SchoolIncidentReported)] = [S, H, H, S],
        [nameof(ScreeningRecorded)] = [H, S, H, S],
        [nameof(DiagnosisRecorded)] = [H, S, H, C],
        [nameof(RehabilitationCourseRecorded)] = [S, S, S, S],
        [nameof(InjuryRecorded)] = [H, S, H, C],
        [nameof(SuicideAttemptRecorded)] = [H, S, H, C],
        [nameof(DisabilityStatusRecorded)] = [D, S, S, C],
        [nameof(BenefitRecorded)] = [H, H, S, S],
        [nameof(FamilySituationRecorded)] = [H, H, S, S],
        [nameof(SocialServiceRecorded)] = [S, H, S, S],
    };

    public static RecordVisibility Visibility(ProfileAudience audience, string kind) =>
        audience == ProfileAudience.None || !Table.TryGetValue(kind, out var row) ? RecordVisibility.Hidden : row[(int)audience - 1];

    /// <param name="childPlaces">Every territory the child's records and reported identities name.</param>
    /// <param name="caseCommissions">The commissions that hold a case about the child: a commission also works on the
    /// children whose case was transferred to it from another territory.</param>
    public static OpenDecision MayOpen(ProfileViewer viewer, IReadOnlyCollection<Kato> childPlaces, string? breakGlassReason,
        IReadOnlyCollection<Kato>? caseCommissions = null)
    {
        if (viewer.Audience == ProfileAudience.None)
            return new OpenDecision.Denied("This role works with aggregates, operations or accounts, not with children's profiles.");
        if (viewer.Territory is null || childPlaces.Any(viewer.Covers)) return new OpenDecision.Allowed();
        if (viewer.Audience == ProfileAudience.Commission && (caseCommissions ?? []).Any(viewer.Covers)) return new OpenDecision.Allowed();
        if (!viewer.MayBreakGlass)
            return new OpenDecision.Denied($"The child is outside the caller's territory {viewer.Territory}.");
        return string.IsNullOrWhiteSpace(breakGlassReason)
            ? new OpenDecision.Denied($"The child is outside your territory {viewer.Territory}; state a reason to open the profile anyway (break-glass).")
            : new OpenDecision.AllowedByBreakGlass(breakGlassReason.Trim());
    }

    public static ProfileView Shape(ChildProfile profile, ProfileAudience audience, DateTimeOffset now)
    {
        var records = profile.Records
            .Select(r => (Record: r, Visibility: Visibility(audience, ProfileProjection.KindOf(r.Event))))
            .ToList();
        var shown = records.Where(r => r.Visibility != RecordVisibility.Hidden)
            .Select(r => new VisibleRecord(r.Record.Event, Details(r.Record.Event, r.Visibility)))
            .ToList();
        var shownKeys = shown.Select(r => r.Key).ToHashSet();
        var rules = SignalRules.All.ToDictionary(r => r.Code);
        var signals = profile.Signals
            .Where(s => s.Evidence.All(shownKeys.Contains) && rules.ContainsKey(s.Code))
            .Select(s => new VisibleSignal(s.Code, rules[s.Code].Title, rules[s.Code].Basis, s.Evidence, s.RaisedAt) { ClearedAt = s.ClearedAt })
            .ToLookup(s => s.ClearedAt is null);
        // A withdrawal's timeline entry has no kind of its own: it is shown when the record's earlier entries are.
        var kindOfRecord = profile.Timeline.Where(t => t.Kind != "withdrawn")
            .GroupBy(t => (t.SourceAgency, t.RecordId)).ToDictionary(g => g.Key, g => g.Last().Kind);
        var timeline = profile.Timeline
            .Where(t => kindOfRecord.TryGetValue((t.SourceAgency, t.RecordId), out var kind) && Visibility(audience, kind) != RecordVisibility.Hidden)
            .ToList();
        var hidden = records.Where(r => r.Visibility == RecordVisibility.Hidden).Select(r => ProfileProjection.KindOf(r.Record.Event))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        return new ProfileView(profile.Iin, profile.BirthDate, profile.Sex, profile.Identity, shown, signals[true].ToList(), timeline, hidden)
        {
            ClearedSignals = signals[false].ToList(),
        };
    }

    private static readonly string[] HeaderFields =
        ["eventId", "iin", "sourceAgency", "recordId", "version", "region", "organizationId", "occurredAt", "recordedAt",
         "lastName", "firstName", "patronymic", "traceParent", "$kind"];

    /// <summary>The record's own fields, with its diagnosis removed or turned into its category as the view requires.</summary>
    public static JsonObject Details(AgencyRecordEvent recordEvent, RecordVisibility visibility)
    {
        var details = (JsonObject)JsonSerializer.SerializeToNode(recordEvent, recordEvent.GetType(), ProfileProjection.EventJson)!;
        foreach (var field in HeaderFields) details.Remove(field);
        if (details["icd10"]?.GetValue<string>() is not { } icd10) return details;
        if (visibility is RecordVisibility.WithoutDiagnosis or RecordVisibility.DiagnosisAsCategory) details.Remove("icd10");
        if (visibility == RecordVisibility.DiagnosisAsCategory) details["diagnosisCategory"] = DiagnosisCategories.Of(icd10);
        return details;
    }
}
