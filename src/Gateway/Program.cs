using Platform.Gateway.Apis;
using Platform.Gateway.Operations;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults()
    .AddPlatformDatabase("gateway-db")
    .AddPlatformMessaging(bus => bus.AddConsumer<BusProbeAnswerCollector>());
builder.Services.AddSingleton<BusProbes>();
builder.Services.AddProblemDetails();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapOperationsApi();
app.Run();
