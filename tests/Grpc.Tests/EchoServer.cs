using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Platform.GrpcApi.Tests.Protos;
using Platform.GrpcApi;

namespace Platform.GrpcApi.Tests;

/// <summary>The echo service with the platform's gRPC defaults (<c>AddPlatformGrpc</c>) on a real Kestrel HTTP/2 (cleartext) port.</summary>
public sealed class EchoServer : IAsyncLifetime
{
    private WebApplication? _web;

    public Uri Address { get; private set; } = null!;
    public GrpcChannel Channel { get; private set; } = null!;
    public Echo.EchoClient Client { get; private set; } = null!;

    /// <summary>What the server's one health check reports; tests switch it.</summary>
    public static volatile bool Healthy = true;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.AddPlatformGrpc(options => options.MaxReceiveMessageSize = 64 * 1024);
        builder.Services.AddHealthChecks().AddCheck("switchable", () => Healthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("switched off"));
        // Watch hears of a change when the health checks are next published.
        builder.Services.Configure<HealthCheckPublisherOptions>(publisher =>
        {
            publisher.Delay = TimeSpan.Zero;
            publisher.Period = TimeSpan.FromSeconds(1);
        });
        _web = builder.Build();
        _web.MapGrpcService<EchoService>();
        _web.MapPlatformGrpcDefaults();
        await _web.StartAsync();
        Address = new Uri(_web.Urls.First());
        Channel = GrpcChannel.ForAddress(Address);
        Client = new Echo.EchoClient(Channel);
    }

    public async Task DisposeAsync()
    {
        Channel?.Dispose();
        if (_web is not null) await _web.DisposeAsync();
    }
}

/// <summary>Every call kind; Say fails, waits or echoes metadata as the request asks.</summary>
public sealed class EchoService : Echo.EchoBase
{
    public override async Task<EchoReply> Say(EchoRequest request, ServerCallContext context)
    {
        if (request.DelayMs > 0) await Task.Delay(request.DelayMs, context.CancellationToken);
        if (request.FailWith == -1) throw new InvalidOperationException("the handler broke");
        if (request.FailWith > 0)
            throw new RpcException(new Status((StatusCode)request.FailWith, request.Text), new Metadata { { "failure-reason", "asked" } });
        if (context.RequestHeaders.GetValue("x-echo-header") is { } echoed)
            await context.WriteResponseHeadersAsync(new Metadata { { "x-echoed", echoed } });
        if (context.RequestHeaders.GetValueBytes("x-echo-bin") is { } bytes) context.ResponseTrailers.Add("x-echoed-bin", bytes);
        return new EchoReply { Text = request.Text, Payload = request.Payload };
    }

    public override async Task Repeat(RepeatRequest request, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        for (var i = 0; i < request.Times; i++) await responseStream.WriteAsync(new EchoReply { Text = $"{request.Text} {i}" }, context.CancellationToken);
    }

    public override async Task<Total> Sum(IAsyncStreamReader<Number> requestStream, ServerCallContext context)
    {
        var total = new Total();
        await foreach (var number in requestStream.ReadAllAsync(context.CancellationToken))
        {
            total.Sum += number.Value;
            total.Count++;
        }
        return total;
    }

    public override async Task Chat(IAsyncStreamReader<EchoRequest> requestStream, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
            await responseStream.WriteAsync(new EchoReply { Text = request.Text.ToUpperInvariant() }, context.CancellationToken);
    }
}
