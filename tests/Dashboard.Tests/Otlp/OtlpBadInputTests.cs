using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Google.Protobuf;
using Platform.AppHost.Dashboard.Otlp.Collector.Trace;
using Platform.AppHost.Dashboard.Otlp.Common;
using Platform.AppHost.Dashboard.Otlp.Trace;
using Platform.AppHost.Dashboard.Telemetry;

namespace Platform.Dashboard.Tests.Otlp;

/// <summary>JSON and gzip bodies, and bad input: a clear status, nothing stored, the receiver keeps working.</summary>
public sealed class OtlpBadInputTests(OtlpReceiverFixture receiver) : IClassFixture<OtlpReceiverFixture>
{
    private static readonly HttpClient Http = new();

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string contentType, string? apiKey = OtlpReceiverFixture.ApiKey, bool gzip = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(receiver.BaseAddress, "/v1/traces")) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (gzip) request.Content.Headers.ContentEncoding.Add("gzip");
        if (apiKey is not null) request.Headers.Add("x-otlp-api-key", apiKey);
        return await Http.SendAsync(request);
    }

    private static ExportTraceServiceRequest OneSpan(string name)
    {
        var span = new Span
        {
            TraceId = ByteString.CopyFrom(Guid.NewGuid().ToByteArray()),
            SpanId = ByteString.CopyFrom(BitConverter.GetBytes(Random.Shared.NextInt64())),
            Name = name,
            StartTimeUnixNano = 1_700_000_000_000_000_000,
            EndTimeUnixNano = 1_700_000_000_500_000_000,
        };
        var resource = new Platform.AppHost.Dashboard.Otlp.Resource.Resource();
        resource.Attributes.Add(new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "gateway" } });
        return new ExportTraceServiceRequest { ResourceSpans = { new ResourceSpans { Resource = resource, ScopeSpans = { new ScopeSpans { Spans = { span } } } } } };
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(data);
        return output.ToArray();
    }

    private int Spans(string name) => receiver.Store.QueryTraces(new TraceQuery()).Count(t => t.RootName == name);

    [Fact]
    public async Task A_json_body_with_hex_ids_is_accepted()
    {
        const string json = """
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"education"}}]},
              "scopeSpans":[{"scope":{"name":"manual"},"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174",
              "name":"json-span","kind":2,"startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000000250000000",
              "attributes":[{"key":"platform.record.id","value":{"stringValue":"edu-9"}},{"key":"retries","value":{"intValue":"2"}}],
              "unknownField":true}]}]}]}
            """;

        using var response = await PostAsync(Encoding.UTF8.GetBytes(json), "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var span = Assert.Single(receiver.Store.GetTrace("5b8efff798038103d269b633813fc60c"));
        Assert.Equal(("eee19b7ec3c1b174", "Server", "2"), (span.SpanId, span.Kind, span.Attributes["retries"]));
        Assert.Equal(TimeSpan.FromMilliseconds(250), span.Duration);
    }

    [Fact]
    public async Task A_gzip_protobuf_body_is_accepted()
    {
        using var response = await PostAsync(Gzip(OneSpan("gzip-span").ToByteArray()), "application/x-protobuf", gzip: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, Spans("gzip-span"));
        Assert.Empty(ExportTraceServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync()).ToByteArray());
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("wrong-key", HttpStatusCode.Unauthorized)]
    public async Task Without_the_right_api_key_nothing_is_accepted(string? apiKey, HttpStatusCode expected)
    {
        var name = $"unauthorized-{apiKey}";
        using var response = await PostAsync(OneSpan(name).ToByteArray(), "application/x-protobuf", apiKey);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(0, Spans(name));
    }

    public static TheoryData<string, byte[], string, bool, HttpStatusCode> BadBodies => new()
    {
        { "garbage protobuf", [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x01], "application/x-protobuf", false, HttpStatusCode.BadRequest },
        { "invalid json", Encoding.UTF8.GetBytes("{\"resourceSpans\": [ {"), "application/json", false, HttpStatusCode.BadRequest },
        { "bad hex id", Encoding.UTF8.GetBytes("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"zz\"}]}]}]}"), "application/json", false, HttpStatusCode.BadRequest },
        { "truncated gzip", Gzip(OneSpan("truncated").ToByteArray())[..12], "application/x-protobuf", true, HttpStatusCode.BadRequest },
        { "wrong content type", Encoding.UTF8.GetBytes("hello"), "text/plain", false, HttpStatusCode.UnsupportedMediaType },
        { "oversized", new byte[300 * 1024], "application/x-protobuf", false, HttpStatusCode.RequestEntityTooLarge },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_payload_gets_a_clear_status_and_the_receiver_keeps_working(
        string what, byte[] body, string contentType, bool gzip, HttpStatusCode expected)
    {
        var before = receiver.Store.SpanCount;
        using var response = await PostAsync(body, contentType, gzip: gzip);
        Assert.True(expected == response.StatusCode, $"{what}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(before, receiver.Store.SpanCount);

        var name = $"after-{what}";
        using var good = await PostAsync(OneSpan(name).ToByteArray(), "application/x-protobuf");
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(1, Spans(name));
    }
}
