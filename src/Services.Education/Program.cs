using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Records;
using Platform.ServiceDefaults.Referrals;
using Platform.Contracts.Education.V1;
using Platform.Services.Education.Apis;
using Platform.Services.Education.Domain;
using Platform.Grpc.Health;
using Platform.Grpc.Reflection;
using Platform.Grpc.Server;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults()
    .AddPlatformDatabase("education-db")
    .AddPlatformMessaging(bus => bus.AddReferralInbox())
    .AddAgencyRecords<WebApplicationBuilder, EducationRecord, EducationRecordKinds>();

builder.Services.AddGrpcServer(options => options.EnableDetailedErrors = builder.Environment.IsDevelopment());

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapEducationRecordsApi();
app.MapReferralInbox();
app.MapGrpcHealthService();
app.MapGrpcReflectionService();
app.MapGrpcUnimplemented(service => service == EducationRecordsApi.Service.FullName || service == ReferralInboxGrpcApi.Service.FullName);
app.Run();
