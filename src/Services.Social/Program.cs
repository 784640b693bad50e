using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Records;
using Platform.Contracts.Social.V1;
using Platform.Services.Social.Apis;
using Platform.Services.Social.Domain;
using Platform.Grpc.Health;
using Platform.Grpc.Reflection;
using Platform.Grpc.Server;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults()
    .AddPlatformDatabase("social-db")
    .AddPlatformMessaging()
    .AddAgencyRecords<WebApplicationBuilder, SocialRecord, SocialRecordKinds>();

builder.Services.AddGrpcServer(options => options.EnableDetailedErrors = builder.Environment.IsDevelopment());

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapSocialRecordsApi();
app.MapGrpcHealthService();
app.MapGrpcReflectionService();
app.MapGrpcUnimplemented(service => service == SocialRecordsApi.Service.FullName);
app.Run();
