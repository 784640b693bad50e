using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Contracts.Records.V1;
using Platform.GrpcApi.Access;
using Platform.Audit;
using Platform.GrpcApi;
using WireOutcome = Platform.Contracts.Records.V1.SubmitOutcome;

namespace Platform.AgencyServices.Records;

/// <summary>A stored record with its stored state, for an agency's Get and ListByIin messages.</summary>
public sealed record StoredAgencyRecord<TRecord>(TRecord Record, StoredRecord Stored)
{
    public Timestamp RecordedAt => Timestamp.FromDateTimeOffset(Stored.RecordedAt);
}

/// <summary>
/// The gRPC API every agency service offers for its records (Submit, Correct, Withdraw, Get, ListByIin, BulkSubmit),
/// written once: each agency's service generated from its .proto delegates here (<c>Services.*/Apis</c>). Invalid
/// records are INVALID_ARGUMENT with every field violation, conflicts FAILED_PRECONDITION (through
/// <see cref="DomainErrorsInterceptor"/>); nothing is written then. Only the agency's own systems may call
/// (<see cref="AgencySystemEndpoints.RequireAgencySystemOf"/>), each within its certificate's territory. Every read and
/// write is audited.
/// </summary>
public sealed class AgencyRecordsApi<TRecord>(
    AgencyRecordIntake<TRecord> intake, AgencyRecordStore store, IAgencyRecordKinds<TRecord> kinds, AuditTrail audit)
    where TRecord : IMessage<TRecord>
{
    private const int BulkChunkSize = 500;

    public async Task<SubmitReply> SubmitAsync(TRecord record, ServerCallContext context) =>
        ToReply(await intake.SubmitAsync(record, AgencyAccess.Of(context, "record submission"), context.CancellationToken));

    public async Task<SubmitReply> CorrectAsync(TRecord record, string reason, ServerCallContext context) =>
        ToReply(await intake.CorrectAsync(record, reason, AgencyAccess.Of(context, "record correction"), context.CancellationToken));

    public async Task<WithdrawReply> WithdrawAsync(WithdrawRequest request, ServerCallContext context)
    {
        FieldViolations.ThrowIfAny(Missing(("source_record_id", request.SourceRecordId), ("reason", request.Reason)), "The withdrawal is invalid.");
        var reason = request.Reason.Trim();
        var result = await store.WithdrawAsync(request.SourceRecordId, reason,
            (header, change) => AgencyRecordEvents.Withdrawn(kinds.SourceAgency, header, change, reason),
            AgencyAccess.Of(context, "record withdrawal"), context.CancellationToken);
        return new WithdrawReply
        {
            SourceRecordId = result.SourceRecordId, Version = result.Version,
            WithdrawnAt = Timestamp.FromDateTimeOffset(result.WithdrawnAt), EventId = result.EventId.ToString(),
        };
    }

    public async Task<StoredAgencyRecord<TRecord>> GetAsync(GetRequest request, ServerCallContext context)
    {
        var access = AgencyAccess.Of(context, "record lookup");
        var stored = await store.GetAsync(request.SourceRecordId, context.CancellationToken)
            ?? throw new RecordNotFoundException(request.SourceRecordId);
        access.DemandTerritory(stored.Kato, $"record '{stored.SourceRecordId}'");
        await audit.AppendAsync([access.Audit(AuditAction.Read, stored.Iin, stored.Kind)], context.CancellationToken);
        return new StoredAgencyRecord<TRecord>(kinds.Parser.ParseFrom(stored.Payload), stored);
    }

    public async Task<IReadOnlyList<StoredAgencyRecord<TRecord>>> ListByIinAsync(ListByIinRequest request, ServerCallContext context)
    {
        if (!Platform.Contracts.Identity.Iin.TryParse(request.Iin, out _, out var error))
            throw FieldViolations.InvalidArgument("The IIN is invalid.", [("iin", error)]);
        var access = AgencyAccess.Of(context, "record lookup");
        // A territorial system sees the child's records of its own territory only.
        var records = (await store.ListByIinAsync(request.Iin, request.IncludeWithdrawn, context.CancellationToken))
            .Where(r => access.MayActOn(r.Kato)).ToList();
        if (records.Count > 0)
            await audit.AppendAsync([access.Audit(AuditAction.Read, request.Iin, records.Select(r => r.Kind).Distinct().Order().ToList())],
                context.CancellationToken);
        return records.Select(r => new StoredAgencyRecord<TRecord>(kinds.Parser.ParseFrom(r.Payload), r)).ToList();
    }

    /// <summary>Initial loads: stored in chunks as the stream comes, answered per record; a bad record never fails the stream.</summary>
    public async Task<BulkSubmitReply> BulkSubmitAsync(IAsyncStreamReader<TRecord> records, ServerCallContext context)
    {
        var access = AgencyAccess.Of(context, "initial load");
        var reply = new BulkSubmitReply();
        var chunk = new List<TRecord>(BulkChunkSize);
        await foreach (var record in records.ReadAllAsync(context.CancellationToken))
        {
            chunk.Add(record);
            if (chunk.Count == BulkChunkSize) await StoreChunkAsync();
        }
        await StoreChunkAsync();
        return reply;

        async Task StoreChunkAsync()
        {
            if (chunk.Count == 0) return;
            foreach (var answer in await intake.SubmitManyAsync(chunk, reply.Results.Count, access, context.CancellationToken))
            {
                var result = new BulkItemResult
                {
                    Index = answer.Index, SourceRecordId = answer.SourceRecordId, Accepted = answer.Accepted,
                    Outcome = answer.Result is { } stored ? Outcome(stored.Outcome) : WireOutcome.Unspecified, Error = answer.Error ?? "",
                };
                result.Violations.AddRange(answer.Violations.Select(v => new FieldViolation { Field = v.Field, Description = v.Description }));
                reply.Results.Add(result);
                if (answer.Accepted) reply.Accepted++;
                else reply.Rejected++;
            }
            chunk.Clear();
        }
    }

    private static SubmitReply ToReply(SubmitResult result) => new()
    {
        SourceRecordId = result.SourceRecordId,
        Version = result.Version,
        Outcome = Outcome(result.Outcome),
        RecordedAt = Timestamp.FromDateTimeOffset(result.RecordedAt),
        EventId = result.EventId?.ToString() ?? "",
    };

    private static WireOutcome Outcome(SubmitOutcome outcome) => outcome switch
    {
        SubmitOutcome.Created => WireOutcome.Created,
        SubmitOutcome.Replaced => WireOutcome.Replaced,
        _ => WireOutcome.Unchanged,
    };

    private static List<(string Field, string Description)> Missing(params (string Field, string Value)[] fields) =>
        fields.Where(f => string.IsNullOrWhiteSpace(f.Value)).Select(f => (f.Field, "is required.")).ToList();
}
