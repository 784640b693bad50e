using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Security;
using Platform.Security.MutualTls;

namespace Platform.GrpcApi.Access;

public static class AgencySystemEndpoints
{
    /// <summary>
    /// Every method of the service may be called only by the systems of the agency this service owns records of,
    /// each within its rate limit (<see cref="CallerRateLimits"/>; the service calls <c>app.UseRateLimiter()</c>).
    /// </summary>
    public static GrpcServiceEndpointConventionBuilder RequireAgencySystemOf(this GrpcServiceEndpointConventionBuilder service, IEndpointRouteBuilder endpoints)
    {
        var owner = endpoints.ServiceProvider.GetRequiredService<OwningAgency>().Name;
        if (!AgencyNames.TryParse(owner, out var agency))
            throw new InvalidOperationException($"'{owner}' is not an agency a certificate can name.");
        service.RequireAgencySystem(agency).RequireRateLimiting(CallerRateLimits.Policy);
        return service;
    }
}
