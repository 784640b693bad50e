using Platform.Contracts.Education.V1;
using Platform.AgencyServices;
using Platform.Services.Education.Apis;
using Platform.Services.Education.Domain;

// `dotnet Platform.Services.Education.dll audit verify` checks the audit trail's hash chain instead of serving.
return AgencyServiceProgram.Run<EducationRecord, EducationRecordKinds, EducationRecordsService>(args, "education-db");
