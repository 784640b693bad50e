namespace Platform.AgencyServices.Records;

/// <summary>What is stored of a record's current version, as far as deciding about a new one needs.</summary>
public sealed record StoredVersion(string Kind, int Version, byte[] PayloadSha256, DateTimeOffset RecordedAt, bool Withdrawn);

/// <summary>Whether a submitted version of a record is stored, ignored as a repeat, or refused.</summary>
public static class RecordVersionRules
{
    public abstract record Decision;

    /// <summary>The same id, version and content are stored already: a resubmit that changes nothing.</summary>
    public sealed record Unchanged(StoredVersion Stored) : Decision;

    public sealed record Accepted(SubmitOutcome Outcome) : Decision;

    public sealed record Conflict(string Reason) : Decision;

    public static Decision Decide(StoredVersion? current, RecordSubmission submission, byte[] payloadSha256)
    {
        var id = submission.SourceRecordId;
        if (current is null)
            return submission.IsCorrection
                ? new Conflict($"Record '{id}' does not exist: submit it before correcting it.")
                : new Accepted(SubmitOutcome.Created);
        if (current.Kind != submission.Kind)
            return new Conflict($"Record '{id}' is a {current.Kind} record; it cannot become a {submission.Kind} record.");
        if (submission.IsCorrection && current.Withdrawn)
            return new Conflict($"Record '{id}' was withdrawn; submit a new version instead of correcting it.");
        if (submission.Version == current.Version && payloadSha256.AsSpan().SequenceEqual(current.PayloadSha256))
            return new Unchanged(current);
        if (submission.Version == current.Version)
            return new Conflict($"Version {submission.Version} of record '{id}' is already stored with other content; send version {current.Version + 1} or higher.");
        if (submission.Version < current.Version)
            return new Conflict($"Version {submission.Version} of record '{id}' is older than the stored version {current.Version}.");
        return new Accepted(SubmitOutcome.Replaced);
    }
}
