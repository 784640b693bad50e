using Platform.Grpc.Client;
using Platform.Grpc.Health.V1;
using Platform.Grpc.Protocol;
using Platform.Grpc.Reflection.V1;
using ServingStatus = Platform.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Platform.Grpc.Tests;

[CollectionDefinition(nameof(HealthAndReflectionTests), DisableParallelization = true)]
public sealed class SwitchesServerHealth;

/// <summary>grpc.health.v1 and server reflection, as generic tools use them.</summary>
[Collection(nameof(HealthAndReflectionTests))]
public sealed class HealthAndReflectionTests(EchoServer server) : IClassFixture<EchoServer>
{
    private GrpcClient Health => new(server.Channel, HealthReflection.Descriptor.Services[0]);

    [Fact]
    public async Task Check_reports_the_server_and_its_services_from_the_health_checks()
    {
        Assert.Equal(ServingStatus.Serving, (await Health.UnaryAsync<HealthCheckRequest, HealthCheckResponse>("Check", new HealthCheckRequest())).Status);
        Assert.Equal(ServingStatus.Serving, (await Health.UnaryAsync<HealthCheckRequest, HealthCheckResponse>("Check",
            new HealthCheckRequest { Service = "platform.testing.v1.Echo" })).Status);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => Health.UnaryAsync<HealthCheckRequest, HealthCheckResponse>("Check",
            new HealthCheckRequest { Service = "no.such.Service" }));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Watch_streams_each_change_of_health()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new List<ServingStatus>();
        try
        {
            await foreach (var update in Health.ServerStreamingAsync<HealthCheckRequest, HealthCheckResponse>("Watch", new HealthCheckRequest(),
                               new CallOptions(CancellationToken: cancellation.Token)))
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

    private async Task<ServerReflectionResponse> ReflectAsync(ServerReflectionRequest request, bool v1Alpha = false)
    {
        var service = v1Alpha ? Platform.Grpc.Reflection.V1Alpha.ReflectionReflection.Descriptor.Services[0] : ReflectionReflection.Descriptor.Services[0];
        var reflection = new GrpcClient(server.Channel, service);
        async IAsyncEnumerable<ServerReflectionRequest> One()
        {
            yield return request;
            await Task.CompletedTask;
        }
        return await reflection.DuplexStreamingAsync<ServerReflectionRequest, ServerReflectionResponse>("ServerReflectionInfo", One()).SingleAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reflection_lists_the_services_in_v1_and_v1alpha(bool v1Alpha)
    {
        var response = await ReflectAsync(new ServerReflectionRequest { ListServices = "" }, v1Alpha);
        var names = response.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("platform.testing.v1.Echo", names);
        Assert.Contains("grpc.health.v1.Health", names);
        Assert.Contains("grpc.reflection.v1.ServerReflection", names);
        Assert.Contains("grpc.reflection.v1alpha.ServerReflection", names);
    }

    [Theory]
    [InlineData("platform.testing.v1.Echo")]
    [InlineData("platform.testing.v1.Echo.Say")]
    [InlineData("platform.testing.v1.EchoRequest")]
    public async Task Reflection_returns_the_file_declaring_a_symbol(string symbol)
    {
        var response = await ReflectAsync(new ServerReflectionRequest { FileContainingSymbol = symbol });
        var file = Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(response.FileDescriptorResponse.FileDescriptorProto[0]);
        Assert.Equal("echo.proto", file.Name);
        Assert.Contains(file.Service, s => s.Name == "Echo" && s.Method.Any(m => m.Name == "Chat" && m.ClientStreaming && m.ServerStreaming));
    }

    [Fact]
    public async Task Reflection_returns_a_file_with_its_dependencies_and_errors_for_unknown_names()
    {
        var reflection = await ReflectAsync(new ServerReflectionRequest { FileByFilename = "grpc/reflection/v1alpha/reflection.proto" });
        var names = reflection.FileDescriptorResponse.FileDescriptorProto
            .Select(bytes => Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(bytes).Name).ToList();
        Assert.Equal(["grpc/reflection/v1alpha/reflection.proto", "grpc/reflection/v1/reflection.proto"], names);

        var missing = await ReflectAsync(new ServerReflectionRequest { FileContainingSymbol = "no.such.Symbol" });
        Assert.Equal((int)StatusCode.NotFound, missing.ErrorResponse.ErrorCode);
    }
}
