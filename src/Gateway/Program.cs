using Platform.Audit;
using Platform.Database;
using Platform.Gateway.Apis;
using Platform.Gateway.Cases;
using Platform.Gateway.Cases.Alerts;
using Platform.Gateway.Cases.FollowUp;
using Platform.Gateway.Cases.Referrals;
using Platform.Gateway.Cases.Sessions;
using Platform.Gateway.Operations;
using Platform.Gateway.Profiles;
using Platform.Gateway.Profiles.Consumers;
using Platform.Gateway.Profiles.Signals;
using Platform.Gateway.Web;
using Platform.GrpcApi;
using Platform.GrpcApi.Access;
using Platform.Messaging;
using Platform.Outbox;
using Platform.Security.MutualTls;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
// `dotnet Platform.Gateway.dll audit verify` checks the audit trail's hash chain instead of serving.
if (AuditCommand.TryRun(args, builder.Configuration, "gateway-db", out var exitCode)) return exitCode;

builder.AddServiceDefaults()
    .AddPlatformDatabase("gateway-db", typeof(Program).Assembly)
    .AddPlatformMessaging(bus =>
    {
        bus.AddConsumer<BusProbeAnswerCollector>();
        bus.AddProfileConsumers();
        bus.AddReferralAnswerConsumers();
    })
    .AddPlatformOutbox()
    .AddStaffSignIn()
    .AddPlatformAudit()
    .AddAgencyCertificateAuthentication()
    .AddCallerRateLimits()
    .AddPlatformGrpc();
builder.Services.AddOperationsApi(builder.Configuration);
builder.Services.AddSingleton<ProfileProjection>();
builder.Services.AddSingleton<ProfileReader>();
builder.Services.AddSingleton<CaseStore>();
builder.Services.AddSingleton<WorkQueue>();
builder.Services.AddSingleton<CaseReferrals>();
builder.Services.AddSingleton<ReferralStatistics>();
builder.Services.AddSingleton<CaseAlerts>();
builder.Services.AddSingleton<CommissionComposition>();
builder.Services.AddSingleton<CommissionSessions>();
builder.Services.AddHostedService<ReferralFollowUpService>();
builder.Services.AddHostedService<SignalClockService>();
if (builder.Environment.IsDevelopment()) builder.Services.AddHostedService<DevelopmentCaseSeed>();
builder.Services.AddProblemDetails();
builder.Services.AddChildProfilesApi();
builder.Services.AddCasesApi();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapOperationsApi();
app.MapStaffPages();
app.MapChildProfilesApi();
app.MapCasesApi();
app.MapGrpcService<ChildProfilesService>().RequireAgencySystem().RequireRateLimiting(CallerRateLimits.Policy);
app.MapGrpcService<CasesService>().RequireAnySystem().RequireRateLimiting(CallerRateLimits.Policy);
app.MapPlatformGrpcDefaults();
app.MapOpenApi();
app.Run();
return 0;
