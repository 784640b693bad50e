using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Platform.Grpc.Health;
using Platform.Grpc.Reflection;
using Platform.Grpc.Server;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Records;
using Platform.ServiceDefaults.Referrals;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Platform.ServiceDefaults;

/// <summary>
/// The program of every agency service, which differ only in their records: the service defaults, its own database,
/// the bus with its referrals inbox, its record API and the referral inbox over gRPC (mutual TLS, per-caller rate
/// limits), gRPC health and reflection. <c>audit verify</c> as arguments checks the audit chain instead of serving.
/// </summary>
public static class AgencyServiceProgram
{
    public static int Run<TRecord, TKinds>(string[] args, string database, ServiceDescriptor recordsApi, Action<IEndpointRouteBuilder> mapRecordsApi)
        where TRecord : IMessage<TRecord>
        where TKinds : class, IAgencyRecordKinds<TRecord>
    {
        var builder = WebApplication.CreateBuilder(args);
        if (AuditCommand.TryRun(args, builder.Configuration, database, out var exitCode)) return exitCode;

        builder.AddServiceDefaults()
            .AddPlatformDatabase(database)
            .AddPlatformMessaging(bus => bus.AddReferralInbox())
            .AddAgencyRecords<WebApplicationBuilder, TRecord, TKinds>();
        builder.Services.AddGrpcServer(options => options.EnableDetailedErrors = builder.Environment.IsDevelopment());

        var app = builder.Build();
        app.UseRateLimiter();
        app.MapDefaultEndpoints();
        mapRecordsApi(app);
        app.MapReferralInbox();
        app.MapGrpcHealthService();
        app.MapGrpcReflectionService();
        app.MapGrpcUnimplemented(service => service == recordsApi.FullName || service == ReferralInboxGrpcApi.Service.FullName);
        app.Run();
        return 0;
    }
}
