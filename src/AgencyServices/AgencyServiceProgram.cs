using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Platform.GrpcApi.Access;
using Platform.Audit;
using Platform.Database;
using Platform.GrpcApi;
using Platform.Messaging;
using Platform.AgencyServices.Records;
using Platform.AgencyServices.Referrals;
using Platform.ServiceDefaults;

namespace Platform.AgencyServices;

/// <summary>
/// The program of every agency service, which differ only in their records: the service defaults, its own database,
/// the bus with its referrals inbox, its record API and the referral inbox over gRPC (mutual TLS, per-caller rate
/// limits), gRPC health and reflection. <c>audit verify</c> as arguments checks the audit chain instead of serving.
/// </summary>
public static class AgencyServiceProgram
{
    /// <typeparam name="TRecordsService">The agency's records service, generated from its .proto and delegating to <see cref="AgencyRecordsApi{TRecord}"/>.</typeparam>
    public static int Run<TRecord, TKinds, TRecordsService>(string[] args, string database)
        where TRecord : IMessage<TRecord>
        where TKinds : class, IAgencyRecordKinds<TRecord>
        where TRecordsService : class
    {
        var builder = WebApplication.CreateBuilder(args);
        if (AuditCommand.TryRun(args, builder.Configuration, database, out var exitCode)) return exitCode;

        builder.AddServiceDefaults()
            .AddPlatformDatabase(database)
            .AddPlatformMessaging(bus => bus.AddReferralInbox())
            .AddAgencyRecords<WebApplicationBuilder, TRecord, TKinds>()
            .AddPlatformGrpc();

        var app = builder.Build();
        app.UseRateLimiter();
        app.MapDefaultEndpoints();
        app.MapGrpcService<TRecordsService>().RequireAgencySystemOf(app);
        app.MapGrpcService<ReferralInboxService>().RequireAgencySystemOf(app);
        app.MapPlatformGrpcDefaults();
        app.Run();
        return 0;
    }
}
