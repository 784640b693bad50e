using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Records;
using Platform.ServiceDefaults.Referrals;
using Platform.Contracts.Education.V1;
using Platform.Services.Education.Apis;
using Platform.Services.Education.Domain;
using Platform.Grpc.Health;
using Platform.Grpc.Reflection;
using Platform.Grpc.Server;

var builder = WebApplication.CreateBuilder(args);
// `dotnet Services.Education.dll audit verify` checks the audit trail's hash chain instead of serving.
if (AuditCommand.TryRun(args, builder.Configuration, "education-db", out var exitCode)) return exitCode;

builder.AddServiceDefaults()
    .AddPlatformDatabase("education-db")
    .AddPlatformMessaging(bus => bus.AddReferralInbox())
    .AddAgencyRecords<WebApplicationBuilder, EducationRecord, EducationRecordKinds>();

builder.Services.AddGrpcServer(options => options.EnableDetailedErrors = builder.Environment.IsDevelopment());

var app = builder.Build();
app.UseRateLimiter();
app.MapDefaultEndpoints();
app.MapEducationRecordsApi();
app.MapReferralInbox();
app.MapGrpcHealthService();
app.MapGrpcReflectionService();
app.MapGrpcUnimplemented(service => service == EducationRecordsApi.Service.FullName || service == ReferralInboxGrpcApi.Service.FullName);
app.Run();
return 0;
