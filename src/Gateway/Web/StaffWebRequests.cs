using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;

namespace Platform.Gateway.Web;

/// <summary>Marks the endpoints of the staff web side: they get the browser security headers and the form limits.</summary>
internal sealed class StaffWebEndpoint
{
    public static readonly StaffWebEndpoint Instance = new();
}

/// <summary>What every request to the staff web side goes through: security headers, a body limit, antiforgery.</summary>
internal static class StaffWebRequests
{
    /// <summary>The largest form the pages accept; theirs are well under 2 KB.</summary>
    public const int MaximumFormBytes = 16 * 1024;

    // No script at all, styles only from our own stylesheet, forms only to ourselves, never framed.
    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static Func<HttpContext, Func<Task>, Task> SecurityHeadersAndLimits(bool isDevelopment) => async (http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<StaffWebEndpoint>() is null)
        {
            await next();
            return;
        }
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        // Pages carry personal data about children: no copy in any cache.
        headers.CacheControl = "no-store";
        // Development runs on plain http on localhost, where HSTS would stick to the browser for every local app.
        if (!isDevelopment && http.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";

        if (http.Request.ContentLength > MaximumFormBytes)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        // Bodies sent without a length (chunked) are cut off by the server at the same size.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize) bodySize.MaxRequestBodySize = MaximumFormBytes;
        await next();
    };

    /// <summary>Every form post must carry the token of a page we rendered: a forged cross-site form has none.</summary>
    public static async ValueTask<object?> RequireAntiforgeryOnPost(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsPost(http.Request.Method)
            && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
            return Results.BadRequest("Missing or invalid antiforgery token.");
        return await next(context);
    }
}
