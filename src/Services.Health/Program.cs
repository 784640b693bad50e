using Platform.Contracts.Health.V1;
using Platform.AgencyServices;
using Platform.Services.Health.Apis;
using Platform.Services.Health.Domain;

// `dotnet Platform.Services.Health.dll audit verify` checks the audit trail's hash chain instead of serving.
return AgencyServiceProgram.Run<HealthRecord, HealthRecordKinds, HealthRecordsService>(args, "health-db");
