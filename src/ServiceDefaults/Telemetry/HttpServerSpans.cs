using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// Gives ASP.NET Core's request span the HTTP semantic-convention attributes and the name "{method} {route}".
/// The instrumentation package that normally does this is absent from the feed, and without it the span has
/// no attributes and is called Microsoft.AspNetCore.Hosting.HttpRequestIn.
/// </summary>
public static class HttpServerSpans
{
    public static IApplicationBuilder UseHttpServerSpans(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var activity = Activity.Current;
        try
        {
            await next(http);
        }
        finally
        {
            if (activity is { IsAllDataRequested: true } && activity.Source.Name == "Microsoft.AspNetCore") Describe(activity, http);
        }
    });

    private static void Describe(Activity activity, HttpContext http)
    {
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        activity.SetTag("http.request.method", http.Request.Method);
        activity.SetTag("url.scheme", http.Request.Scheme);
        activity.SetTag("url.path", http.Request.Path.Value);
        activity.SetTag("server.port", http.Connection.LocalPort);
        activity.SetTag("network.protocol.version", http.Request.Protocol);
        activity.SetTag("http.response.status_code", http.Response.StatusCode);
        if (route is not null) activity.SetTag("http.route", route);
        activity.DisplayName = $"{http.Request.Method} {route ?? http.Request.Path.Value}";
        if (http.Response.StatusCode >= 500) activity.SetStatus(ActivityStatusCode.Error);
    }
}
