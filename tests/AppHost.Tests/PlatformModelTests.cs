using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace Platform.AppHost.Tests;

/// <summary>The AppHost's model as src/AppHost/AppHost.cs builds it, inspected without starting anything.</summary>
public sealed class PlatformModelTests : IDisposable
{
    private static readonly string[] Agencies = ["education", "health", "social"];

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "platform-tests", $"model-{Guid.NewGuid().ToString("N")[..12]}");

    private async Task<IDistributedApplicationTestingBuilder> ModelAsync(params string[] arguments) =>
        await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>([$"--Hosting:DataDirectory={_dataFolder}", .. arguments]);

    /// <summary>What the model runs as processes of its own (not what Aspire adds to start only when asked, such as project rebuilders).</summary>
    private static IEnumerable<string> Executables(IDistributedApplicationTestingBuilder model) =>
        model.Resources.OfType<ExecutableResource>().Where(r => !r.HasAnnotationOfType<ExplicitStartupAnnotation>()).Select(r => r.Name).Order();

    private static IEnumerable<string> WaitsFor(IResource resource) =>
        resource.Annotations.OfType<WaitAnnotation>().Select(wait => wait.Resource.Name).Order();

    private static IEnumerable<string> References(IResource resource) =>
        resource.Annotations.OfType<ResourceRelationshipAnnotation>().Where(r => r.Type == "Reference").Select(r => r.Resource.Name).Distinct().Order();

    [Fact]
    public async Task Every_agency_service_references_and_waits_for_its_database_and_the_broker_and_serves_grpc_over_http2()
    {
        var model = await ModelAsync();

        var projects = model.Resources.OfType<ProjectResource>().ToDictionary(p => p.Name);
        Assert.Equal(["demo-data", "education", "gateway", "health", "social"], projects.Keys.Order());
        foreach (var agency in Agencies)
        {
            var service = projects[agency];
            Assert.Equal(new[] { $"{agency}-db", "messaging" }.Order(), References(service));
            Assert.Equal(new[] { $"{agency}-db", "messaging" }.Order(), WaitsFor(service));
            var grpc = service.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "grpc");
            Assert.Equal(("https", "http2", false), (grpc.UriScheme, grpc.Transport, grpc.IsProxied));
            Assert.Single(service.Annotations.OfType<HealthCheckAnnotation>());
        }
    }

    [Fact]
    public async Task The_gateway_references_the_agency_services_and_the_demo_load_waits_for_them()
    {
        var model = await ModelAsync();

        var gateway = model.Resources.Single(r => r.Name == "gateway");
        Assert.Equal(["education", "gateway-db", "health", "messaging", "social"], References(gateway));
        Assert.Equal(["gateway-db", "messaging"], WaitsFor(gateway));
        Assert.Equal(Agencies, WaitsFor(model.Resources.Single(r => r.Name == "demo-data")));
    }

    [Fact]
    public async Task Without_demo_children_there_is_no_demo_load()
    {
        var model = await ModelAsync("--DemoData:Children=0");

        Assert.DoesNotContain(model.Resources, r => r.Name == "demo-data");
    }

    [Fact]
    public async Task Locally_the_model_runs_postgres_rabbitmq_and_its_epmd_as_executables()
    {
        var model = await ModelAsync();

        Assert.Equal(["messaging", "messaging-epmd", "postgres"], Executables(model));
    }

    [Fact]
    public async Task With_connection_strings_in_configuration_the_model_uses_those_servers_and_runs_none()
    {
        var model = await ModelAsync(
            "--ConnectionStrings:postgres=Host=db.example.kz;Username=platform;Password=secret",
            "--ConnectionStrings:messaging=amqps://platform:secret@mq.example.kz/");

        Assert.Empty(Executables(model));
        Assert.All(new[] { "postgres", "messaging" }, name => Assert.IsAssignableFrom<IResourceWithConnectionString>(model.Resources.Single(r => r.Name == name)));
        Assert.Equal(new[] { "education-db", "messaging" }.Order(), WaitsFor(model.Resources.Single(r => r.Name == "education")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataFolder)) Directory.Delete(_dataFolder, recursive: true);
    }
}
