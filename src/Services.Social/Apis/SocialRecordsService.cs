using Grpc.Core;
using Platform.Contracts.Social.V1;
using Platform.Contracts.Records.V1;
using Platform.AgencyServices.Records;

namespace Platform.Services.Social.Apis;

/// <summary>Where social records enter: platform.social.v1.SocialRecords over gRPC, answered by the API every agency shares.</summary>
public sealed class SocialRecordsService(AgencyRecordsApi<SocialRecord> records) : SocialRecords.SocialRecordsBase
{
    public override Task<SubmitReply> Submit(SocialRecord request, ServerCallContext context) => records.SubmitAsync(request, context);

    public override Task<SubmitReply> Correct(CorrectSocialRecord request, ServerCallContext context) =>
        records.CorrectAsync(request.Record, request.Reason, context);

    public override Task<WithdrawReply> Withdraw(WithdrawRequest request, ServerCallContext context) => records.WithdrawAsync(request, context);

    public override async Task<StoredSocialRecord> Get(GetRequest request, ServerCallContext context) => ToWire(await records.GetAsync(request, context));

    public override async Task<StoredSocialRecords> ListByIin(ListByIinRequest request, ServerCallContext context) =>
        new() { Records = { (await records.ListByIinAsync(request, context)).Select(ToWire) } };

    public override Task<BulkSubmitReply> BulkSubmit(IAsyncStreamReader<SocialRecord> requestStream, ServerCallContext context) =>
        records.BulkSubmitAsync(requestStream, context);

    private static StoredSocialRecord ToWire(StoredAgencyRecord<SocialRecord> stored) => new()
    {
        Record = stored.Record,
        RecordedAt = stored.RecordedAt,
        Withdrawn = stored.Stored.Withdrawn,
        WithdrawalReason = stored.Stored.WithdrawalReason ?? "",
        CorrectionReason = stored.Stored.CorrectionReason ?? "",
    };
}
