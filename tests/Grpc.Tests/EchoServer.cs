using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Grpc.Client;
using Platform.Grpc.Health;
using Platform.Grpc.Reflection;
using Platform.Grpc.Protocol;
using Platform.Grpc.Server;
using Platform.Grpc.Tests.Echo;

namespace Platform.Grpc.Tests;

/// <summary>The echo service on a real Kestrel HTTP/2 (cleartext, prior knowledge) port.</summary>
public sealed class EchoServer : IAsyncLifetime
{
    private WebApplication? _web;

    public Uri Address { get; private set; } = null!;
    public GrpcChannel Channel { get; private set; } = null!;
    public GrpcClient Client { get; private set; } = null!;

    /// <summary>What the server's one health check reports; tests switch it.</summary>
    public static volatile bool Healthy = true;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpcServer(options => options.MaxReceiveMessageSize = 64 * 1024);
        builder.Services.AddHealthChecks().AddCheck("switchable", () => Healthy
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy()
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("switched off"));
        _web = builder.Build();
        var service = EchoReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("Echo");
        _web.MapGrpcService(service, echo => echo
            .Unary<EchoRequest, EchoReply>("Say", SayAsync)
            .ServerStreaming<RepeatRequest, EchoReply>("Repeat", async (request, stream, context) =>
            {
                for (var i = 0; i < request.Times; i++) await stream.WriteAsync(new EchoReply { Text = $"{request.Text} {i}" }, context.CancellationToken);
            })
            .ClientStreaming<Number, Total>("Sum", async (numbers, context) =>
            {
                var total = new Total();
                await foreach (var number in numbers)
                {
                    total.Sum += number.Value;
                    total.Count++;
                }
                return total;
            })
            .DuplexStreaming<EchoRequest, EchoReply>("Chat", async (requests, stream, context) =>
            {
                await foreach (var request in requests) await stream.WriteAsync(new EchoReply { Text = request.Text.ToUpperInvariant() }, context.CancellationToken);
            }));
        _web.MapGrpcHealthService();
        _web.MapGrpcReflectionService();
        _web.MapGrpcUnimplemented(name => name == service.FullName);
        await _web.StartAsync();
        Address = new Uri(_web.Urls.First());
        Channel = GrpcChannel.ForAddress(Address, new GrpcChannelOptions { UnavailableRetry = null });
        Client = new GrpcClient(Channel, service);
    }

    private static async Task<EchoReply> SayAsync(EchoRequest request, ServerCallContext context)
    {
        if (request.DelayMs > 0) await Task.Delay(request.DelayMs, context.CancellationToken);
        if (request.FailWith == -1) throw new InvalidOperationException("the handler broke");
        if (request.FailWith > 0)
        {
            var trailers = new Metadata { { "failure-reason", "asked" } };
            throw new RpcException(new Status((StatusCode)request.FailWith, request.Text), trailers: trailers);
        }
        if (context.RequestHeaders.GetValue("x-echo-header") is { } echoed)
            await context.WriteResponseHeadersAsync(new Metadata { { "x-echoed", echoed } });
        if (context.RequestHeaders.GetValueBytes("x-echo-bin") is { } bytes) context.ResponseTrailers.Add("x-echoed-bin", bytes);
        return new EchoReply { Text = request.Text, Payload = request.Payload };
    }

    public async Task DisposeAsync()
    {
        Channel?.Dispose();
        if (_web is not null) await _web.DisposeAsync();
    }
}
