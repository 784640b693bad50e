using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Gateway.Cases.FollowUp;

/// <summary>Who hears of an overdue step, from the nearest to the furthest.</summary>
public enum EscalationTarget { ResponsibleMember, CommissionChair, HigherCommission, AgencyTerritorialOffice }

/// <summary>An overdue step reaches <see cref="To"/> once it has been overdue for <see cref="AfterWorkingDaysOverdue"/> working days.</summary>
public sealed record EscalationStep(int Level, EscalationTarget To, int AfterWorkingDaysOverdue);

/// <summary>The time an agency has for each step of a referral, and the escalation ladder (<c>follow-up-schedule.json</c>).</summary>
public sealed record FollowUpSchedule(
    int AcknowledgeWithinWorkingDays, int ReportWithinWorkingDaysAfterDue, int WarnWorkingDaysBefore, IReadOnlyList<EscalationStep> Escalation)
{
    // Before the instances below: static fields are initialised in the order they are written.
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static FollowUpSchedule Default { get; } = Load(
        typeof(FollowUpSchedule).Assembly.GetManifestResourceStream("cases/follow-up-schedule.json")
        ?? throw new InvalidOperationException("The embedded follow-up schedule is missing."));

    public static FollowUpSchedule Load(Stream json)
    {
        var schedule = JsonSerializer.Deserialize<FollowUpSchedule>(json, JsonOptions)
            ?? throw new InvalidDataException("The follow-up schedule is empty.");
        var problems = schedule.Problems().ToList();
        return problems.Count == 0 ? schedule : throw new InvalidDataException("The follow-up schedule is invalid: " + string.Join("; ", problems));
    }

    private IEnumerable<string> Problems()
    {
        if (AcknowledgeWithinWorkingDays < 1) yield return "acknowledgeWithinWorkingDays must be at least 1";
        if (ReportWithinWorkingDaysAfterDue < 0) yield return "reportWithinWorkingDaysAfterDue must not be negative";
        if (WarnWorkingDaysBefore < 0) yield return "warnWorkingDaysBefore must not be negative";
        if (Escalation.Count == 0) yield return "the escalation needs at least one step";
        for (var i = 0; i < Escalation.Count; i++)
        {
            if (Escalation[i].Level != i + 1) yield return $"escalation step {i + 1} must have level {i + 1}";
            if (i > 0 && Escalation[i].AfterWorkingDaysOverdue <= Escalation[i - 1].AfterWorkingDaysOverdue)
                yield return $"escalation step {i + 1} must come later than step {i}";
        }
    }
}
