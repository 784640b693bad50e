using Platform.AppHost.Hosting.Application;
using Platform.AppHost.Hosting.Resources;
using Platform.AppHost.Testing;

namespace Platform.AppHost.Tests;

public sealed class ProjectEnvironmentTests
{
    private sealed class FakeService : IProjectMetadata
    {
        public string ProjectPath => "/nowhere/Fake.csproj";
        public string TargetPath => "/nowhere/Fake.dll";
    }

    private static (DistributedApplicationBuilder Builder, IResourceBuilder<ProjectResource> Api, IResourceBuilder<ProjectResource> Web) Model()
    {
        var builder = DistributedApplicationTestingBuilder.Create("project-environment");
        var postgres = builder.AddPostgres("postgres");
        var database = postgres.AddDatabase("orders-db");
        var broker = builder.AddRabbitMQ("messaging");
        var api = builder.AddProject<FakeService>("api").WithGrpcEndpoint().WithReference(database).WithReference(broker);
        var web = builder.AddProject<FakeService>("web").WithReference(api).WithEnvironment("FEATURE_X", "on");
        return (builder, api, web);
    }

    [Fact]
    public void A_service_gets_connection_strings_of_what_it_references()
    {
        var (builder, api, _) = Model();
        builder.Build();

        var environment = ProjectEnvironment.Build(api.Resource, "Development", "api-1");

        var database = (PostgresDatabaseResource)builder.Resources.Single(r => r.Name == "orders-db");
        Assert.Equal(database.ConnectionString, environment["ConnectionStrings__orders-db"]);
        Assert.Contains("Database=orders-db", environment["ConnectionStrings__orders-db"]);
        Assert.StartsWith("amqp://platform:", environment["ConnectionStrings__messaging"]);
        Assert.False(environment.ContainsKey("ConnectionStrings__postgres"));
    }

    [Fact]
    public void A_service_gets_an_http_endpoint_and_an_http2_only_grpc_endpoint()
    {
        var (builder, api, _) = Model();
        builder.Build();

        var environment = ProjectEnvironment.Build(api.Resource, "Development", "api-1");

        var http = api.Resource.GetEndpoint("http");
        var grpc = api.Resource.GetEndpoint("grpc");
        Assert.NotEqual(http.Port, grpc.Port);
        Assert.Equal($"http://127.0.0.1:{http.Port}", environment["Kestrel__Endpoints__http__Url"]);
        Assert.False(environment.ContainsKey("Kestrel__Endpoints__http__Protocols"));
        Assert.Equal($"http://127.0.0.1:{grpc.Port}", environment["Kestrel__Endpoints__grpc__Url"]);
        Assert.Equal("Http2", environment["Kestrel__Endpoints__grpc__Protocols"]);
    }

    [Fact]
    public void A_reference_to_another_service_gives_its_endpoints_for_service_discovery()
    {
        var (builder, api, web) = Model();
        builder.Build();

        var environment = ProjectEnvironment.Build(web.Resource, "Development", "web-1");

        Assert.Equal(api.Resource.GetEndpoint("http").Url, environment["services__api__http__0"]);
        Assert.Equal(api.Resource.GetEndpoint("grpc").Url, environment["services__api__grpc__0"]);
        Assert.DoesNotContain(environment.Keys, k => k.StartsWith("ConnectionStrings__"));
    }

    [Fact]
    public void Telemetry_identity_environment_name_and_custom_variables_are_set()
    {
        var (builder, _, web) = Model();
        builder.Build();

        var environment = ProjectEnvironment.Build(web.Resource, "Staging", "web-7f3a");

        Assert.Equal("web", environment["OTEL_SERVICE_NAME"]);
        Assert.Equal("service.instance.id=web-7f3a", environment["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal("Staging", environment["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("on", environment["FEATURE_X"]);
    }

    [Fact]
    public void With_the_dashboard_every_service_exports_telemetry_to_it_with_the_api_key()
    {
        var (builder, api, _) = Model();
        builder.Build();

        var environment = ProjectEnvironment.Build(api.Resource, "Development", "api-1", new OtlpExport("http://127.0.0.1:18890", "http/protobuf", "k3y"));

        Assert.Equal("http://127.0.0.1:18890", environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("http/protobuf", environment["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        Assert.Equal("x-otlp-api-key=k3y", environment["OTEL_EXPORTER_OTLP_HEADERS"]);
        Assert.DoesNotContain("OTEL_EXPORTER_OTLP_ENDPOINT", ProjectEnvironment.Build(api.Resource, "Development", "api-1").Keys);
    }
}
