using Grpc.Core;
using Platform.Contracts.Health.V1;
using Platform.Contracts.Records.V1;
using Platform.AgencyServices.Records;

namespace Platform.Services.Health.Apis;

/// <summary>Where health records enter: platform.health.v1.HealthRecords over gRPC, answered by the API every agency shares.</summary>
public sealed class HealthRecordsService(AgencyRecordsApi<HealthRecord> records) : HealthRecords.HealthRecordsBase
{
    public override Task<SubmitReply> Submit(HealthRecord request, ServerCallContext context) => records.SubmitAsync(request, context);

    public override Task<SubmitReply> Correct(CorrectHealthRecord request, ServerCallContext context) =>
        records.CorrectAsync(request.Record, request.Reason, context);

    public override Task<WithdrawReply> Withdraw(WithdrawRequest request, ServerCallContext context) => records.WithdrawAsync(request, context);

    public override async Task<StoredHealthRecord> Get(GetRequest request, ServerCallContext context) => ToWire(await records.GetAsync(request, context));

    public override async Task<StoredHealthRecords> ListByIin(ListByIinRequest request, ServerCallContext context) =>
        new() { Records = { (await records.ListByIinAsync(request, context)).Select(ToWire) } };

    public override Task<BulkSubmitReply> BulkSubmit(IAsyncStreamReader<HealthRecord> requestStream, ServerCallContext context) =>
        records.BulkSubmitAsync(requestStream, context);

    private static StoredHealthRecord ToWire(StoredAgencyRecord<HealthRecord> stored) => new()
    {
        Record = stored.Record,
        RecordedAt = stored.RecordedAt,
        Withdrawn = stored.Stored.Withdrawn,
        WithdrawalReason = stored.Stored.WithdrawalReason ?? "",
        CorrectionReason = stored.Stored.CorrectionReason ?? "",
    };
}
