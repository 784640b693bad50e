using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Platform.Gateway.Staff;

namespace Platform.Gateway.Web;

/// <summary>Configuration <c>Staff:RateLimits</c>: fixed one-minute windows, nothing queued.</summary>
public sealed class StaffRateLimitOptions
{
    /// <summary>Sign-in attempts per client address and user name: slows guessing before the lockout does.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>Page requests per signed-in user (per client address before sign-in).</summary>
    public int RequestsPerMinute { get; set; } = 300;
}

internal static class StaffRateLimits
{
    public const string SignInPolicy = "staff-sign-in";
    public const string PagesPolicy = "staff-pages";

    public static IServiceCollection AddStaffRateLimits(this IServiceCollection services, StaffRateLimitOptions limits) =>
        services.AddRateLimiter(rateLimiter =>
        {
            rateLimiter.AddPolicy(SignInPolicy, http =>
                RateLimitPartition.GetFixedWindowLimiter($"{ClientAddress(http)}|{AttemptedUserName(http)}", _ => PerMinute(limits.SignInAttemptsPerMinute)));
            rateLimiter.AddPolicy(PagesPolicy, http =>
                RateLimitPartition.GetFixedWindowLimiter(
                    StaffUser.From(http.User) is { } user ? $"user:{user.Id}" : $"address:{ClientAddress(http)}",
                    _ => PerMinute(limits.RequestsPerMinute)));
            rateLimiter.OnRejected = (context, _) =>
            {
                var response = context.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
        });

    /// <summary>
    /// Reads the sign-in form before the rate limiter runs: its partition needs the user name, and a partitioner cannot
    /// wait for the body. The form is small (see <see cref="StaffWebRequests.MaximumFormBytes"/>) and read only once.
    /// </summary>
    public static async Task BufferSignInForm(HttpContext http, Func<Task> next)
    {
        if (HttpMethods.IsPost(http.Request.Method) && http.Request.Path == SignInEndpoints.SignInPath && http.Request.HasFormContentType)
            await http.Request.ReadFormAsync(http.RequestAborted);
        await next();
    }

    private static string AttemptedUserName(HttpContext http) =>
        http.Features.Get<IFormFeature>()?.Form?[SignInEndpoints.UserNameField].ToString().Trim().ToLowerInvariant() ?? "";

    // Behind a reverse proxy this is the proxy unless forwarded headers are configured for it (deployment's job).
    private static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static FixedWindowRateLimiterOptions PerMinute(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };
}
