using Google.Protobuf.WellKnownTypes;
using Platform.Contracts.Education.V1;
using Platform.ServiceDefaults.Records;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Platform.Services.Education.Apis;

/// <summary>Where education records enter: platform.education.v1.EducationRecords over gRPC.</summary>
public static class EducationRecordsApi
{
    public static readonly ServiceDescriptor Service = EducationReflection.Descriptor.FindTypeByName<ServiceDescriptor>("EducationRecords");

    public static void MapEducationRecordsApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapAgencyRecords(Service, new AgencyRecordMessages<EducationRecord, CorrectEducationRecord, StoredEducationRecord, StoredEducationRecords>(
            correct => (correct.Record, correct.Reason),
            (record, stored) => new StoredEducationRecord
            {
                Record = record,
                RecordedAt = Timestamp.FromDateTimeOffset(stored.RecordedAt),
                Withdrawn = stored.Withdrawn,
                WithdrawalReason = stored.WithdrawalReason ?? "",
                CorrectionReason = stored.CorrectionReason ?? "",
            },
            records => new StoredEducationRecords { Records = { records } }));
}
