using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Records;
using Platform.ServiceDefaults.Referrals;
using Platform.Contracts.Health.V1;
using Platform.Services.Health.Apis;
using Platform.Services.Health.Domain;
using Platform.Grpc.Health;
using Platform.Grpc.Reflection;
using Platform.Grpc.Server;

var builder = WebApplication.CreateBuilder(args);
// `dotnet Services.Health.dll audit verify` checks the audit trail's hash chain instead of serving.
if (AuditCommand.TryRun(args, builder.Configuration, "health-db", out var exitCode)) return exitCode;

builder.AddServiceDefaults()
    .AddPlatformDatabase("health-db")
    .AddPlatformMessaging(bus => bus.AddReferralInbox())
    .AddAgencyRecords<WebApplicationBuilder, HealthRecord, HealthRecordKinds>();

builder.Services.AddGrpcServer(options => options.EnableDetailedErrors = builder.Environment.IsDevelopment());

var app = builder.Build();
app.UseRateLimiter();
app.MapDefaultEndpoints();
app.MapHealthRecordsApi();
app.MapReferralInbox();
app.MapGrpcHealthService();
app.MapGrpcReflectionService();
app.MapGrpcUnimplemented(service => service == HealthRecordsApi.Service.FullName || service == ReferralInboxGrpcApi.Service.FullName);
app.Run();
return 0;
