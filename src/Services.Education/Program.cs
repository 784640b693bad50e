using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Records;
using Platform.Contracts.Education.V1;
using Platform.Services.Education.Domain;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults()
    .AddPlatformDatabase("education-db")
    .AddPlatformMessaging()
    .AddAgencyRecords<WebApplicationBuilder, EducationRecord, EducationRecordKinds>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
