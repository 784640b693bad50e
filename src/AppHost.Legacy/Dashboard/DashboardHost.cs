using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.AppHost.Dashboard.Pages;
using Platform.AppHost.Dashboard.Security;
using Platform.AppHost.Dashboard.Telemetry;
using Platform.AppHost.Hosting.Application;
using Platform.AppHost.Dashboard.Otlp;

namespace Platform.AppHost.Dashboard;

/// <summary>
/// The operations dashboard the AppHost serves: pages for resources, console logs, structured logs, traces and
/// metrics on the UI port, and the OTLP receivers the services export to on their own ports.
/// </summary>
public sealed class DashboardHost : IAsyncDisposable
{
    private readonly WebApplication _web;

    private DashboardHost(WebApplication web) => _web = web;

    public static DashboardHost Create(
        DistributedApplication app, DashboardOptions options, TelemetryStore telemetry)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenLocalhost(options.UiPort);
            kestrel.ListenLocalhost(options.OtlpHttpPort);
            kestrel.ListenLocalhost(options.OtlpGrpcPort, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
        });
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.Cookie.Name = BrowserSignIn.CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.LoginPath = "/login";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
        });
        builder.Services.AddAuthorization();
        var receiverOptions = new OtlpReceiverOptions(options.OtlpApiKey);
        builder.Services.AddOtlpGrpcReceiver(telemetry, receiverOptions);
        var web = builder.Build();

        web.Use(SecurityHeaders);
        web.UseAuthentication();
        web.UseAuthorization();

        var receivers = web.MapGroup("").RequireHost($"*:{options.OtlpHttpPort}", $"*:{options.OtlpGrpcPort}");
        receivers.MapOtlpHttpReceiver(telemetry, receiverOptions);
        receivers.MapOtlpGrpcReceiver();
        var ui = web.MapGroup("").RequireHost($"*:{options.UiPort}");
        ui.MapSignIn(options);
        ui.MapGet("/assets/{file}", ServeAsset).AllowAnonymous();
        MapPages(ui.MapGroup("").RequireAuthorization(), app, telemetry);
        return new DashboardHost(web);
    }

    private static void MapPages(RouteGroupBuilder pages, DistributedApplication app, ITelemetryQueries telemetry)
    {
        pages.MapGet("/", (HttpContext http) => DashboardRequest.Page(ResourcesPage.Render(app, DashboardRequest.Text(http))));
        pages.MapGet("/fragments/resources", (HttpContext http) => DashboardRequest.Page(ResourcesPage.Table(app, DashboardRequest.Text(http))));
        pages.MapPost("/api/resources/{name}/restart", async (string name, HttpContext http) =>
        {
            // A custom header cannot be sent cross-site without CORS approval, so a forged form cannot restart anything.
            if (!http.Request.Headers.ContainsKey("X-Dashboard-Action")) return Results.BadRequest("Missing X-Dashboard-Action header.");
            if (app.Resources.All(r => r.Name != name)) return Results.NotFound();
            await app.RestartResourceAsync(name, http.RequestAborted);
            return Results.Accepted();
        }).DisableAntiforgery();

        pages.MapGet("/console", (HttpContext http, string? resource) =>
            DashboardRequest.Page(ConsoleLogsPage.Render(app, DashboardRequest.Text(http), string.IsNullOrEmpty(resource) ? null : resource)));
        pages.MapGet("/console/{resource}", (HttpContext http, string resource) =>
            DashboardRequest.Page(ConsoleLogsPage.Render(app, DashboardRequest.Text(http), resource)));
        pages.MapGet("/api/console/{resource}/stream", StreamConsoleAsync);
        pages.MapGet("/api/console/{resource}/download", (string resource) =>
            app.Resources.Any(r => r.Name == resource)
                ? Results.File(Encoding.UTF8.GetBytes(string.Concat(app.ResourceLogs.For(resource).Snapshot().Select(l =>
                    $"{l.Timestamp:O} {(l.IsError ? "ERR" : "OUT")} {l.Text}\n"))), "text/plain; charset=utf-8", $"{resource}.log")
                : Results.NotFound());

        pages.MapGet("/logs", (HttpContext http, string? resource, int? level, string? text, string? traceId, string? attribute) =>
            DashboardRequest.Page(StructuredLogsPage.Render(telemetry, DashboardRequest.Text(http),
                new LogQuery(Blank(resource), level, Blank(text), Blank(traceId), Blank(attribute)))));
        pages.MapGet("/traces", (HttpContext http, string? resource, string? minMs, string? attribute) =>
            DashboardRequest.Page(TracesPage.RenderList(telemetry, DashboardRequest.Text(http),
                new TraceQuery(Blank(resource), ParseMilliseconds(minMs), Blank(attribute)))));
        pages.MapGet("/traces/{traceId}", (HttpContext http, string traceId) =>
            DashboardRequest.Page(TracesPage.RenderTrace(telemetry, DashboardRequest.Text(http), traceId.ToLowerInvariant())));
        pages.MapGet("/metrics", (HttpContext http) => DashboardRequest.Page(MetricsPage.RenderList(telemetry, DashboardRequest.Text(http))));
        pages.MapGet("/metrics/{service}/{name}", (HttpContext http, string service, string name) =>
            DashboardRequest.Page(MetricsPage.RenderInstrument(telemetry, DashboardRequest.Text(http), service, name)));
        pages.MapGet("/fragments/metrics/{service}/{name}", (HttpContext http, string service, string name) =>
            DashboardRequest.Page(MetricsPage.Fragment(telemetry, DashboardRequest.Text(http), service, name)));

        async Task StreamConsoleAsync(HttpContext http, string resource)
        {
            if (app.Resources.All(r => r.Name != resource))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            try
            {
                await foreach (var line in app.ResourceLogs.For(resource).TailAsync(http.RequestAborted))
                {
                    await http.Response.WriteAsync($"data: {JsonSerializer.Serialize(new { line.Text, line.IsError }, JsonSerializerOptions.Web)}\n\n", http.RequestAborted);
                    await http.Response.Body.FlushAsync(http.RequestAborted);
                }
            }
            catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
            {
                // The browser left the page.
            }
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static TimeSpan? ParseMilliseconds(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds > 0
            ? TimeSpan.FromMilliseconds(milliseconds)
            : null;

    private static IResult ServeAsset(string file)
    {
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"dashboard/{file}");
        if (stream is null) return Results.NotFound();
        var contentType = file.EndsWith(".css", StringComparison.Ordinal) ? "text/css" : "text/javascript";
        return Results.Stream(stream, contentType + "; charset=utf-8");
    }

    private static Task SecurityHeaders(HttpContext http, Func<Task> next)
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'";
        return next();
    }

    public Task StartAsync(CancellationToken cancellationToken = default) => _web.StartAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _web.StopAsync();
        await _web.DisposeAsync();
    }
}
