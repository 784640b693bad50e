using Google.Protobuf.WellKnownTypes;
using Platform.Contracts.Social.V1;
using Platform.ServiceDefaults.Records;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Platform.Services.Social.Apis;

/// <summary>Where social records enter: platform.social.v1.SocialRecords over gRPC.</summary>
public static class SocialRecordsApi
{
    public static readonly ServiceDescriptor Service = SocialReflection.Descriptor.FindTypeByName<ServiceDescriptor>("SocialRecords");

    public static void MapSocialRecordsApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapAgencyRecords(Service, new AgencyRecordMessages<SocialRecord, CorrectSocialRecord, StoredSocialRecord, StoredSocialRecords>(
            correct => (correct.Record, correct.Reason),
            (record, stored) => new StoredSocialRecord
            {
                Record = record,
                RecordedAt = Timestamp.FromDateTimeOffset(stored.RecordedAt),
                Withdrawn = stored.Withdrawn,
                WithdrawalReason = stored.WithdrawalReason ?? "",
                CorrectionReason = stored.CorrectionReason ?? "",
            },
            records => new StoredSocialRecords { Records = { records } }));
}
