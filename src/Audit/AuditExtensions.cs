using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Platform.Audit;

public static class AuditExtensions
{
    /// <summary>
    /// Registers the audit trail, the supervisors' queries and the chain verifier on the service's database. Call
    /// after <c>AddPlatformDatabase</c>: the audit tables are one of the platform's own migrations.
    /// </summary>
    public static TBuilder AddPlatformAudit<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddSingleton<AuditQueries>();
        builder.Services.AddSingleton<AuditChainVerifier>();
        return builder;
    }
}
