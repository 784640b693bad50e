using System.Text.Json;

namespace Platform.Audit;

public enum AuditActorKind { StaffUser, AgencySystem }

public enum AuditAction { Read, Write, Search, Export }

public enum AuditOutcome { Allowed, Denied }

/// <param name="Id">The staff user's or the agency system's identifier as authenticated.</param>
/// <param name="Territory">A 9-digit КАТО code, or <see cref="National"/> for staff without a territorial limit.</param>
public sealed record AuditActor(string Id, AuditActorKind Kind, string Role, string Territory)
{
    public const string National = "national";
}

/// <summary>
/// One access to personal data as the service saw it: who, what they did, to which child's data (none for an
/// action on no child), which sections, for what purpose, from where, and whether it was allowed. The trail adds
/// when, the sequence number and the hashes (<see cref="AuditLogRow"/>).
/// </summary>
/// <param name="Sections">The parts of the child's data touched, e.g. "health.screenings".</param>
/// <param name="BreakGlassReason">Set when the actor overrode the usual access rules; such an entry is always flagged for review.</param>
/// <param name="ClientAddress">Where the request came from (the caller's IP address).</param>
/// <param name="TraceId">The request's trace; the current activity's when left out.</param>
public sealed record AuditEntry(
    AuditActor Actor,
    AuditAction Action,
    string? SubjectIin,
    IReadOnlyList<string> Sections,
    string Purpose,
    AuditOutcome Outcome,
    string? ClientAddress,
    string? BreakGlassReason = null,
    bool FlagForReview = false,
    string? TraceId = null)
{
    public bool IsBreakGlass => BreakGlassReason is not null;

    public bool FlaggedForReview => FlagForReview || IsBreakGlass;
}

/// <summary>
/// A stored audit row, every column as it is in <c>platform.audit_log</c>. The hash covers exactly these values,
/// so flags are kept as stored rather than derived: editing one alone must show as an alteration.
/// </summary>
public sealed record AuditLogRow(
    long Sequence,
    DateTimeOffset OccurredAt,
    AuditActor Actor,
    AuditAction Action,
    string? SubjectIin,
    IReadOnlyList<string> Sections,
    string Purpose,
    bool BreakGlass,
    string? BreakGlassReason,
    bool FlaggedForReview,
    string? ClientAddress,
    AuditOutcome Outcome,
    string? TraceId,
    byte[] PreviousHash,
    byte[] RowHash);

/// <summary>How the enumerations are spelled in the table and in the hashed encoding (independent of their order in C#).</summary>
internal static class AuditNames
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static TEnum Parse<TEnum>(string text) where TEnum : struct, Enum
    {
        foreach (var value in Enum.GetValues<TEnum>())
            if (Of(value) == text) return value;
        throw new FormatException($"'{text}' is not a {typeof(TEnum).Name}.");
    }
}
