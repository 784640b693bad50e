using Grpc.Core;
using Platform.Contracts.Education.V1;
using Platform.Contracts.Records.V1;
using Platform.AgencyServices.Records;

namespace Platform.Services.Education.Apis;

/// <summary>Where education records enter: platform.education.v1.EducationRecords over gRPC, answered by the API every agency shares.</summary>
public sealed class EducationRecordsService(AgencyRecordsApi<EducationRecord> records) : EducationRecords.EducationRecordsBase
{
    public override Task<SubmitReply> Submit(EducationRecord request, ServerCallContext context) => records.SubmitAsync(request, context);

    public override Task<SubmitReply> Correct(CorrectEducationRecord request, ServerCallContext context) =>
        records.CorrectAsync(request.Record, request.Reason, context);

    public override Task<WithdrawReply> Withdraw(WithdrawRequest request, ServerCallContext context) => records.WithdrawAsync(request, context);

    public override async Task<StoredEducationRecord> Get(GetRequest request, ServerCallContext context) => ToWire(await records.GetAsync(request, context));

    public override async Task<StoredEducationRecords> ListByIin(ListByIinRequest request, ServerCallContext context) =>
        new() { Records = { (await records.ListByIinAsync(request, context)).Select(ToWire) } };

    public override Task<BulkSubmitReply> BulkSubmit(IAsyncStreamReader<EducationRecord> requestStream, ServerCallContext context) =>
        records.BulkSubmitAsync(requestStream, context);

    private static StoredEducationRecord ToWire(StoredAgencyRecord<EducationRecord> stored) => new()
    {
        Record = stored.Record,
        RecordedAt = stored.RecordedAt,
        Withdrawn = stored.Stored.Withdrawn,
        WithdrawalReason = stored.Stored.WithdrawalReason ?? "",
        CorrectionReason = stored.Stored.CorrectionReason ?? "",
    };
}
