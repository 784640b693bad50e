using Platform.Contracts.Social.V1;
using Platform.AgencyServices;
using Platform.Services.Social.Apis;
using Platform.Services.Social.Domain;

// `dotnet Platform.Services.Social.dll audit verify` checks the audit trail's hash chain instead of serving.
return AgencyServiceProgram.Run<SocialRecord, SocialRecordKinds, SocialRecordsService>(args, "social-db");
