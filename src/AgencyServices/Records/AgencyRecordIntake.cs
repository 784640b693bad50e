using Google.Protobuf;
using Platform.Contracts.IntegrationEvents;
using Platform.GrpcApi.Access;
using Platform.Contracts.Records;
using Platform.GrpcApi;
using Platform.Contracts.Records.V1;

namespace Platform.AgencyServices.Records;

/// <summary>What one agency's records look like to the intake: how to validate them and what event each kind publishes.</summary>
public interface IAgencyRecordKinds<TRecord> where TRecord : IMessage<TRecord>
{
    string SourceAgency { get; }
    MessageParser<TRecord> Parser { get; }
    RecordHeader? HeaderOf(TRecord record);
    /// <summary>The record's kind ("enrolment", "screening", ...), or null when the body is missing.</summary>
    string? KindOf(TRecord record);
    /// <summary>Adds the violations of the record's body (its header is checked by the intake).</summary>
    void ValidateBody(TRecord record, DateTimeOffset now, Violations violations);
    AgencyRecordEvent ToEvent(TRecord record, ValidHeader header, RecordedChange change);
}

/// <summary>The record is invalid; nothing was written. Each violation names the field.</summary>
public sealed class RecordValidationException(IReadOnlyList<Violation> violations)
    : InvalidRequestException($"The record is invalid: {string.Join("; ", violations.Select(v => $"{v.Field} {v.Description}"))}", violations);

/// <summary>The result of one record of a bulk load.</summary>
public sealed record BulkItemAnswer(int Index, string SourceRecordId, SubmitResult? Result, string? Error, IReadOnlyList<Violation> Violations)
{
    public bool Accepted => Result is not null;
}

/// <summary>
/// Where a record enters an agency service, whatever the transport: validate, then store it with its event.
/// Nothing is written for an invalid record.
/// </summary>
public sealed class AgencyRecordIntake<TRecord>(IAgencyRecordKinds<TRecord> kinds, AgencyRecordStore store, TimeProvider time)
    where TRecord : IMessage<TRecord>
{
    public const int EventsPerBulkMessage = 100;
    public const string RecordIdAttribute = "platform.record.id";

    public Task<SubmitResult> SubmitAsync(TRecord record, AgencyAccess access, CancellationToken cancellationToken) =>
        StoreAsync(record, correctionReason: null, access, cancellationToken);

    public Task<SubmitResult> CorrectAsync(TRecord record, string reason, AgencyAccess access, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new RecordValidationException([new Violation("reason", "is required for a correction.")]);
        return StoreAsync(record, reason.Trim(), access, cancellationToken);
    }

    private async Task<SubmitResult> StoreAsync(TRecord record, string? correctionReason, AgencyAccess access, CancellationToken cancellationToken)
    {
        var (submission, toEvent) = Prepare(record, correctionReason, out var violations);
        if (submission is null) throw new RecordValidationException(violations);
        access.DemandTerritory(submission.Kato, $"record '{submission.SourceRecordId}'");
        // Operators find a record's whole path in the traces by this attribute.
        System.Diagnostics.Activity.Current?.SetTag(RecordIdAttribute, submission.SourceRecordId);
        return await store.SubmitAsync(submission, toEvent!, access, cancellationToken);
    }

    /// <summary>Validates each record on its own; stores the valid ones together; answers every record.</summary>
    public async Task<IReadOnlyList<BulkItemAnswer>> SubmitManyAsync(
        IReadOnlyList<TRecord> records, int firstIndex, AgencyAccess access, CancellationToken cancellationToken)
    {
        var answers = new BulkItemAnswer?[records.Count];
        var valid = new List<(int Position, RecordSubmission Submission, Func<RecordedChange, AgencyRecordEvent> ToEvent)>();
        for (var i = 0; i < records.Count; i++)
        {
            var (submission, toEvent) = Prepare(records[i], null, out var violations);
            if (submission is null)
                answers[i] = new BulkItemAnswer(firstIndex + i, kinds.HeaderOf(records[i])?.SourceRecordId ?? "", null, "INVALID_ARGUMENT", violations);
            else if (!access.MayActOn(submission.Kato))
                answers[i] = new BulkItemAnswer(firstIndex + i, submission.SourceRecordId, null,
                    $"PERMISSION_DENIED: territory {submission.Kato} is outside the territory {access.Caller.Territory} of system '{access.Caller.SystemName}'", []);
            else valid.Add((i, submission, toEvent!));
        }
        var stored = await store.SubmitManyAsync(valid.Select(v => (v.Submission, v.ToEvent)).ToList(), kinds.SourceAgency,
            EventsPerBulkMessage, access, cancellationToken);
        for (var j = 0; j < valid.Count; j++)
        {
            var (result, error) = stored[j];
            answers[valid[j].Position] = new BulkItemAnswer(firstIndex + valid[j].Position, valid[j].Submission.SourceRecordId, result,
                error is null ? null : "FAILED_PRECONDITION: " + error, []);
        }
        return answers.Select(a => a!).ToList();
    }

    private (RecordSubmission?, Func<RecordedChange, AgencyRecordEvent>?) Prepare(TRecord record, string? correctionReason, out IReadOnlyList<Violation> found)
    {
        var now = time.GetUtcNow();
        var violations = new Violations();
        var header = RecordHeaderRules.Validate(kinds.HeaderOf(record), now, violations);
        kinds.ValidateBody(record, now, violations);
        found = violations.Items;
        if (header is null || violations.Any) return (null, null);
        var submission = new RecordSubmission(header.SourceRecordId, header.Version, kinds.KindOf(record)!, header.Iin.Value,
            header.Kato.Value, header.OrganizationId, header.OccurredAt, record.ToByteArray(), correctionReason);
        return (submission, change => kinds.ToEvent(record, header, change));
    }
}
