using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Platform.GrpcApi.Tests;

[CollectionDefinition(nameof(HealthAndReflectionTests), DisableParallelization = true)]
public sealed class SwitchesServerHealth;

/// <summary>grpc.health.v1 fed by the ASP.NET Core health checks, and server reflection, as generic tools use them.</summary>
[Collection(nameof(HealthAndReflectionTests))]
public sealed class HealthAndReflectionTests(EchoServer server) : IClassFixture<EchoServer>
{
    private Health.HealthClient Health => new(server.Channel);

    [Fact]
    public async Task Check_reports_the_server_and_its_services_from_the_health_checks()
    {
        Assert.Equal(ServingStatus.Serving, (await Health.CheckAsync(new HealthCheckRequest())).Status);
        Assert.Equal(ServingStatus.Serving, (await Health.CheckAsync(new HealthCheckRequest { Service = "platform.testing.v1.Echo" })).Status);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => Health.CheckAsync(new HealthCheckRequest { Service = "no.such.Service" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Check_answers_from_the_checks_at_the_time_of_the_call()
    {
        EchoServer.Healthy = false;
        try
        {
            Assert.Equal(ServingStatus.NotServing, (await Health.CheckAsync(new HealthCheckRequest())).Status);
        }
        finally
        {
            EchoServer.Healthy = true;
        }
        Assert.Equal(ServingStatus.Serving, (await Health.CheckAsync(new HealthCheckRequest())).Status);
    }

    [Fact]
    public async Task Watch_streams_each_change_of_health()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new List<ServingStatus>();
        try
        {
            using var watch = Health.Watch(new HealthCheckRequest(), cancellationToken: cancellation.Token);
            await foreach (var update in watch.ResponseStream.ReadAllAsync(cancellation.Token))
            {
                seen.Add(update.Status);
                if (seen.Count == 1) EchoServer.Healthy = false;
                if (seen.Count == 2) break;
            }
        }
        finally
        {
            EchoServer.Healthy = true;
        }
        Assert.Equal([ServingStatus.Serving, ServingStatus.NotServing], seen);
    }

    private async Task<ServerReflectionResponse> ReflectAsync(ServerReflectionRequest request)
    {
        using var call = new ServerReflection.ServerReflectionClient(server.Channel).ServerReflectionInfo();
        await call.RequestStream.WriteAsync(request);
        await call.RequestStream.CompleteAsync();
        return await call.ResponseStream.ReadAllAsync().SingleAsync();
    }

    [Fact]
    public async Task Reflection_lists_the_services_in_v1_and_v1alpha()
    {
        var alpha = (await ReflectAsync(new ServerReflectionRequest { ListServices = "" })).ListServicesResponse.Service.Select(s => s.Name).ToList();
        using var v1Call = new Grpc.Reflection.V1.ServerReflection.ServerReflectionClient(server.Channel).ServerReflectionInfo();
        await v1Call.RequestStream.WriteAsync(new Grpc.Reflection.V1.ServerReflectionRequest { ListServices = "" });
        await v1Call.RequestStream.CompleteAsync();
        var v1 = (await v1Call.ResponseStream.ReadAllAsync().SingleAsync()).ListServicesResponse.Service.Select(s => s.Name).ToList();

        foreach (var names in new[] { alpha, v1 })
        {
            Assert.Contains("platform.testing.v1.Echo", names);
            Assert.Contains("grpc.health.v1.Health", names);
        }
    }

    [Theory]
    [InlineData("platform.testing.v1.Echo")]
    [InlineData("platform.testing.v1.Echo.Say")]
    [InlineData("platform.testing.v1.EchoRequest")]
    public async Task Reflection_returns_the_file_declaring_a_symbol(string symbol)
    {
        var response = await ReflectAsync(new ServerReflectionRequest { FileContainingSymbol = symbol });
        var file = FileDescriptorProto.Parser.ParseFrom(response.FileDescriptorResponse.FileDescriptorProto[0]);
        Assert.Equal("echo.proto", file.Name);
        Assert.Contains(file.Service, s => s.Name == "Echo" && s.Method.Any(m => m.Name == "Chat" && m.ClientStreaming && m.ServerStreaming));
    }

    [Fact]
    public async Task Reflection_returns_errors_for_unknown_names()
    {
        var missing = await ReflectAsync(new ServerReflectionRequest { FileContainingSymbol = "no.such.Symbol" });
        Assert.Equal((int)StatusCode.NotFound, missing.ErrorResponse.ErrorCode);
    }
}
