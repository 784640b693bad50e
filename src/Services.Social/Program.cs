using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Records;
using Platform.Contracts.Social.V1;
using Platform.Services.Social.Domain;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults()
    .AddPlatformDatabase("social-db")
    .AddPlatformMessaging()
    .AddAgencyRecords<WebApplicationBuilder, SocialRecord, SocialRecordKinds>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
