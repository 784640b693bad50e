using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.AppHost.Dashboard.Otlp.Collector.Logs;
using Platform.AppHost.Dashboard.Otlp.Collector.Metrics;
using Platform.AppHost.Dashboard.Otlp.Collector.Trace;
using Platform.AppHost.Dashboard.Telemetry;
using Platform.AppHost.Dashboard.Security;

namespace Platform.AppHost.Dashboard.Otlp;

public sealed record OtlpReceiverOptions(string ApiKey, int MaximumBodyBytes = 4 * 1024 * 1024);

/// <summary>
/// OTLP/HTTP: POST /v1/traces, /v1/logs and /v1/metrics with protobuf or JSON bodies, optionally gzip-compressed,
/// protected by the <c>x-otlp-api-key</c> header. A bad payload gets 400 with the reason and changes nothing.
/// </summary>
public static class OtlpHttpReceiver
{
    public const string ApiKeyHeader = "x-otlp-api-key";
    private const string Protobuf = "application/x-protobuf";
    private const string Json = "application/json";

    public static void MapOtlpHttpReceiver(this IEndpointRouteBuilder endpoints, TelemetryStore store, OtlpReceiverOptions options)
    {
        endpoints.MapPost("/v1/traces", Handler(ExportTraceServiceRequest.Parser, store.Add, new ExportTraceServiceResponse(), options));
        endpoints.MapPost("/v1/logs", Handler(ExportLogsServiceRequest.Parser, store.Add, new ExportLogsServiceResponse(), options));
        endpoints.MapPost("/v1/metrics", Handler(ExportMetricsServiceRequest.Parser, store.Add, new ExportMetricsServiceResponse(), options));
    }

    // A typed delegate, so minimal APIs write the IResult instead of treating the handler as a RequestDelegate.
    private static Func<HttpContext, Task<IResult>> Handler<TRequest>(
        MessageParser<TRequest> parser, Action<TRequest> accept, IMessage response, OtlpReceiverOptions options)
        where TRequest : IMessage<TRequest>, new() =>
        http => ReceiveAsync(http, options, parser, accept, response);

    private static async Task<IResult> ReceiveAsync<TRequest>(
        HttpContext http, OtlpReceiverOptions options, MessageParser<TRequest> parser, Action<TRequest> accept, IMessage response)
        where TRequest : IMessage<TRequest>, new()
    {
        if (!HasApiKey(http.Request, options.ApiKey))
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: $"A valid {ApiKeyHeader} header is required.");
        var mediaType = (http.Request.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is not (Protobuf or Json))
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: $"Content-Type must be {Protobuf} or {Json}, not '{http.Request.ContentType}'.");

        byte[] body;
        try
        {
            body = await ReadBodyAsync(http.Request, options.MaximumBodyBytes);
        }
        catch (InvalidDataException exception)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The gzip body is corrupt.", detail: exception.Message);
        }
        catch (BodyTooLargeException)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
                title: $"The body exceeds {options.MaximumBodyBytes} bytes (after decompression).");
        }

        TRequest request;
        try
        {
            request = mediaType == Protobuf ? parser.ParseFrom(body) : OtlpJson.Parse<TRequest>(Encoding.UTF8.GetString(body));
        }
        catch (Exception exception) when (exception is InvalidProtocolBufferException or JsonException or InvalidJsonException or FormatException)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"The body is not a valid OTLP {typeof(TRequest).Name}.",
                detail: exception.Message);
        }

        accept(request);
        return mediaType == Protobuf
            ? Results.Bytes(response.ToByteArray(), Protobuf)
            : Results.Text(JsonFormatter.Default.Format(response), Json);
    }

    private static bool HasApiKey(HttpRequest request, string apiKey) =>
        request.Headers.TryGetValue(ApiKeyHeader, out var given) && Secrets.Match(given.ToString(), apiKey);

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, int maximumBytes)
    {
        var gzip = request.Headers.ContentEncoding.ToString().Equals("gzip", StringComparison.OrdinalIgnoreCase);
        await using var source = gzip ? new GZipStream(request.Body, CompressionMode.Decompress) : request.Body;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk)) > 0)
        {
            if (buffer.Length + read > maximumBytes) throw new BodyTooLargeException();
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private sealed class BodyTooLargeException : Exception;
}
