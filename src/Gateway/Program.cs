using Platform.Gateway.Apis;
using Platform.Gateway.Operations;
using Platform.Gateway.Profiles;
using Platform.Gateway.Profiles.Consumers;
using Platform.Gateway.Web;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults()
    .AddPlatformDatabase("gateway-db", typeof(Program).Assembly)
    .AddPlatformMessaging(bus =>
    {
        bus.AddConsumer<BusProbeAnswerCollector>();
        bus.AddProfileConsumers();
    })
    .AddStaffSignIn();
builder.Services.AddSingleton<BusProbes>();
builder.Services.AddSingleton<ProfileProjection>();
builder.Services.AddSingleton<ProfileReader>();
builder.Services.AddProblemDetails();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapOperationsApi();
app.MapStaffPages();
app.Run();
