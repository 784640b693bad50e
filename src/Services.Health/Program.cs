using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Records;
using Platform.Contracts.Health.V1;
using Platform.Services.Health.Domain;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults()
    .AddPlatformDatabase("health-db")
    .AddPlatformMessaging()
    .AddAgencyRecords<WebApplicationBuilder, HealthRecord, HealthRecordKinds>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
