using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Records;
using Platform.ServiceDefaults.Referrals;
using Platform.Contracts.Social.V1;
using Platform.Services.Social.Apis;
using Platform.Services.Social.Domain;
using Platform.Grpc.Health;
using Platform.Grpc.Reflection;
using Platform.Grpc.Server;

var builder = WebApplication.CreateBuilder(args);
// `dotnet Services.Social.dll audit verify` checks the audit trail's hash chain instead of serving.
if (AuditCommand.TryRun(args, builder.Configuration, "social-db", out var exitCode)) return exitCode;

builder.AddServiceDefaults()
    .AddPlatformDatabase("social-db")
    .AddPlatformMessaging(bus => bus.AddReferralInbox())
    .AddAgencyRecords<WebApplicationBuilder, SocialRecord, SocialRecordKinds>();

builder.Services.AddGrpcServer(options => options.EnableDetailedErrors = builder.Environment.IsDevelopment());

var app = builder.Build();
app.UseRateLimiter();
app.MapDefaultEndpoints();
app.MapSocialRecordsApi();
app.MapReferralInbox();
app.MapGrpcHealthService();
app.MapGrpcReflectionService();
app.MapGrpcUnimplemented(service => service == SocialRecordsApi.Service.FullName || service == ReferralInboxGrpcApi.Service.FullName);
app.Run();
return 0;
