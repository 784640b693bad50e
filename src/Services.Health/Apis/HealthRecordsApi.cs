using Google.Protobuf.WellKnownTypes;
using Platform.Contracts.Health.V1;
using Platform.ServiceDefaults.Records;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Platform.Services.Health.Apis;

/// <summary>Where health records enter: platform.health.v1.HealthRecords over gRPC.</summary>
public static class HealthRecordsApi
{
    public static readonly ServiceDescriptor Service = HealthReflection.Descriptor.FindTypeByName<ServiceDescriptor>("HealthRecords");

    public static void MapHealthRecordsApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapAgencyRecords(Service, new AgencyRecordMessages<HealthRecord, CorrectHealthRecord, StoredHealthRecord, StoredHealthRecords>(
            correct => (correct.Record, correct.Reason),
            (record, stored) => new StoredHealthRecord
            {
                Record = record,
                RecordedAt = Timestamp.FromDateTimeOffset(stored.RecordedAt),
                Withdrawn = stored.Withdrawn,
                WithdrawalReason = stored.WithdrawalReason ?? "",
                CorrectionReason = stored.CorrectionReason ?? "",
            },
            records => new StoredHealthRecords { Records = { records } }));
}
