using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Records.V1;
using Platform.Grpc.Protocol;
using Platform.Grpc.Server;
using Platform.ServiceDefaults.Access;
using Platform.ServiceDefaults.Audit;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using WireOutcome = Platform.Contracts.Records.V1.SubmitOutcome;

namespace Platform.ServiceDefaults.Records;

/// <summary>How one agency's messages wrap a record for Correct, Get and ListByIin.</summary>
public sealed record AgencyRecordMessages<TRecord, TCorrect, TStored, TStoredList>(
    Func<TCorrect, (TRecord Record, string Reason)> Correction,
    Func<TRecord, StoredRecord, TStored> Stored,
    Func<IEnumerable<TStored>, TStoredList> List);

/// <summary>
/// The gRPC API every agency service offers for its records (Submit, Correct, Withdraw, Get, ListByIin,
/// BulkSubmit), mapped onto the service its .proto declares. Invalid records are INVALID_ARGUMENT with a
/// google.rpc.BadRequest listing every field violation; conflicts are FAILED_PRECONDITION; nothing is written then.
/// Only the agency's own systems may call it (mutual TLS), each within its certificate's territory: a call without
/// a valid certificate is UNAUTHENTICATED, another agency's system or a record of another territory PERMISSION_DENIED.
/// Every read and write is audited.
/// </summary>
public static class AgencyRecordsGrpcApi
{
    private const int BulkChunkSize = 500;

    public static GrpcServiceBuilder MapAgencyRecords<TRecord, TCorrect, TStored, TStoredList>(
        this IEndpointRouteBuilder endpoints, ServiceDescriptor service, AgencyRecordMessages<TRecord, TCorrect, TStored, TStoredList> messages)
        where TRecord : IMessage<TRecord>, new()
        where TCorrect : IMessage<TCorrect>, new()
        where TStored : IMessage<TStored>
        where TStoredList : IMessage<TStoredList> =>
        endpoints.MapGrpcService(service, api => api
            .Unary<TRecord, SubmitReply>("Submit", (record, context) =>
                Answer(() => Intake<TRecord>(context).SubmitAsync(record, AgencyAccess.Of(context, "record submission"), context.CancellationToken), ToReply))
            .Unary<TCorrect, SubmitReply>("Correct", (request, context) =>
            {
                var (record, reason) = messages.Correction(request);
                return Answer(() => Intake<TRecord>(context).CorrectAsync(record, reason, AgencyAccess.Of(context, "record correction"), context.CancellationToken), ToReply);
            })
            .Unary<WithdrawRequest, WithdrawReply>("Withdraw", (request, context) =>
            {
                if (string.IsNullOrWhiteSpace(request.Reason) || string.IsNullOrWhiteSpace(request.SourceRecordId))
                    throw RichStatus.InvalidArgument("The withdrawal is invalid.", Missing(("source_record_id", request.SourceRecordId), ("reason", request.Reason)));
                return Answer(() => Store(context).WithdrawAsync(request.SourceRecordId, request.Reason.Trim(),
                    (header, change) => AgencyRecordEvents.Withdrawn(Kinds<TRecord>(context).SourceAgency, header, change, request.Reason.Trim()),
                    AgencyAccess.Of(context, "record withdrawal"), context.CancellationToken),
                    result => new WithdrawReply
                    {
                        SourceRecordId = result.SourceRecordId, Version = result.Version,
                        WithdrawnAt = Timestamp.FromDateTimeOffset(result.WithdrawnAt), EventId = result.EventId.ToString(),
                    });
            })
            .Unary<GetRequest, TStored>("Get", (request, context) => Answer(async () =>
            {
                var access = AgencyAccess.Of(context, "record lookup");
                var stored = await Store(context).GetAsync(request.SourceRecordId, context.CancellationToken)
                    ?? throw new RecordNotFoundException(request.SourceRecordId);
                access.DemandTerritory(stored.Kato, $"record '{stored.SourceRecordId}'");
                await Audit(context).AppendAsync([access.Audit(AuditAction.Read, stored.Iin, stored.Kind)], context.CancellationToken);
                return messages.Stored(Kinds<TRecord>(context).Parser.ParseFrom(stored.Payload), stored);
            }, stored => stored))
            .Unary<ListByIinRequest, TStoredList>("ListByIin", async (request, context) =>
            {
                if (!Platform.Contracts.Identity.Iin.TryParse(request.Iin, out _, out var error))
                    throw RichStatus.InvalidArgument("The IIN is invalid.", [("iin", error)]);
                var access = AgencyAccess.Of(context, "record lookup");
                // A territorial system sees the child's records of its own territory only.
                var records = (await Store(context).ListByIinAsync(request.Iin, request.IncludeWithdrawn, context.CancellationToken))
                    .Where(r => access.MayActOn(r.Kato)).ToList();
                if (records.Count > 0)
                    await Audit(context).AppendAsync([access.Audit(AuditAction.Read, request.Iin, records.Select(r => r.Kind).Distinct().Order().ToList())],
                        context.CancellationToken);
                var parser = Kinds<TRecord>(context).Parser;
                return messages.List(records.Select(r => messages.Stored(parser.ParseFrom(r.Payload), r)));
            })
            .ClientStreaming<TRecord, BulkSubmitReply>("BulkSubmit", async (records, context) =>
            {
                var access = AgencyAccess.Of(context, "initial load");
                var reply = new BulkSubmitReply();
                var chunk = new List<TRecord>(BulkChunkSize);
                await foreach (var record in records)
                {
                    chunk.Add(record);
                    if (chunk.Count == BulkChunkSize) await StoreChunkAsync();
                }
                await StoreChunkAsync();
                return reply;

                async Task StoreChunkAsync()
                {
                    if (chunk.Count == 0) return;
                    foreach (var answer in await Intake<TRecord>(context).SubmitManyAsync(chunk, reply.Results.Count, access, context.CancellationToken))
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
            }))
            .RequireAgencySystemOf(endpoints);

    private static async Task<TReply> Answer<TResult, TReply>(Func<Task<TResult>> act, Func<TResult, TReply> reply)
    {
        try
        {
            return reply(await act());
        }
        catch (RecordValidationException invalid)
        {
            throw RichStatus.InvalidArgument(invalid.Message, invalid.Violations.Select(v => (v.Field, v.Description)));
        }
        catch (RecordConflictException conflict)
        {
            throw new RpcException(StatusCode.FailedPrecondition, conflict.Message);
        }
        catch (RecordNotFoundException missing)
        {
            throw new RpcException(StatusCode.NotFound, missing.Message);
        }
        catch (AccessDeniedException denied)
        {
            throw new RpcException(StatusCode.PermissionDenied, denied.Message);
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

    private static IEnumerable<(string Field, string Description)> Missing(params (string Field, string Value)[] fields) =>
        fields.Where(f => string.IsNullOrWhiteSpace(f.Value)).Select(f => (f.Field, "is required."));

    private static AgencyRecordIntake<TRecord> Intake<TRecord>(ServerCallContext context) where TRecord : IMessage<TRecord> =>
        context.HttpContext.RequestServices.GetRequiredService<AgencyRecordIntake<TRecord>>();

    private static IAgencyRecordKinds<TRecord> Kinds<TRecord>(ServerCallContext context) where TRecord : IMessage<TRecord> =>
        context.HttpContext.RequestServices.GetRequiredService<IAgencyRecordKinds<TRecord>>();

    private static AuditTrail Audit(ServerCallContext context) => context.HttpContext.RequestServices.GetRequiredService<AuditTrail>();

    private static AgencyRecordStore Store(ServerCallContext context) => context.HttpContext.RequestServices.GetRequiredService<AgencyRecordStore>();
}
