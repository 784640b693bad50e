using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Platform.Outbox;
using Platform.AgencyServices.Referrals;
using Platform.GrpcApi.Access;
using Platform.Audit;
using Platform.Security.MutualTls;

namespace Platform.AgencyServices.Records;

public static class AgencyRecordsExtensions
{
    /// <summary>
    /// Makes the service the owner of one agency's records: the store (every version kept), the intake that
    /// validates and stores them, the outbox relay that publishes their events, and the agency's referrals
    /// inbox (its consumer is added by <c>AddReferralInbox</c> in <c>AddPlatformMessaging</c>), the audit trail of
    /// every access, and the mutual-TLS authentication of the agency's systems (<c>Security:*</c>). Call after
    /// <c>AddPlatformDatabase</c> and <c>AddPlatformMessaging</c>.
    /// </summary>
    public static TBuilder AddAgencyRecords<TBuilder, TRecord, TKinds>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
        where TRecord : IMessage<TRecord>
        where TKinds : class, IAgencyRecordKinds<TRecord>
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IAgencyRecordKinds<TRecord>, TKinds>();
        builder.Services.AddSingleton<AgencyRecordStore>();
        builder.Services.AddSingleton<AgencyRecordIntake<TRecord>>();
        builder.Services.AddSingleton<AgencyRecordsApi<TRecord>>();
        builder.Services.AddSingleton(services => new OwningAgency(services.GetRequiredService<IAgencyRecordKinds<TRecord>>().SourceAgency));
        builder.Services.AddSingleton<ReferralInbox>();
        builder.AddPlatformOutbox();
        builder.AddPlatformAudit();
        builder.AddAgencyCertificateAuthentication();
        builder.AddCallerRateLimits();
        return builder;
    }
}
