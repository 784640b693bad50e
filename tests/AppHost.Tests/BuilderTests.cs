using Platform.AppHost.Hosting.Application;
using Platform.AppHost.Hosting.Orchestration;
using Platform.AppHost.Hosting.Resources;
using Platform.AppHost.Hosting.Runners;
using Platform.AppHost.Testing;

namespace Platform.AppHost.Tests;

public sealed class BuilderTests
{
    [Theory]
    [InlineData("Postgres")]
    [InlineData("1db")]
    [InlineData("my_db")]
    [InlineData("")]
    public void Resource_names_must_be_lowercase_letters_digits_and_dashes(string name)
    {
        var builder = DistributedApplicationTestingBuilder.Create("builder-names");
        var error = Assert.Throws<ArgumentException>(() => builder.AddPostgres(name));
        Assert.Contains("must start with a lowercase letter", error.Message);
    }

    [Fact]
    public void Dashboard_limits_and_retention_come_from_configuration()
    {
        var builder = DistributedApplicationTestingBuilder.Create("builder-dashboard", new Dictionary<string, string?>
        {
            ["Dashboard:MaximumSpans"] = "5",
            ["Dashboard:TelemetryRetention"] = "02:00:00",
        }, withDashboard: true);

        var dashboard = builder.Build().Dashboard!;

        Assert.Equal((5, TimeSpan.FromHours(2), 100_000), (dashboard.MaximumSpans, dashboard.TelemetryRetention, dashboard.MaximumLogEntries));
        Assert.NotEqual(dashboard.UiPort, dashboard.OtlpGrpcPort);
        Assert.EndsWith(Path.Combine("builder-dashboard", "telemetry"), dashboard.TelemetryDirectory);
    }

    [Fact]
    public void A_name_can_be_declared_only_once()
    {
        var builder = DistributedApplicationTestingBuilder.Create("builder-duplicates");
        builder.AddPostgres("db");
        var error = Assert.Throws<InvalidOperationException>(() => builder.AddRabbitMQ("db"));
        Assert.Contains("'db' is already declared", error.Message);
    }

    [Fact]
    public void A_resource_cannot_wait_for_itself()
    {
        var builder = DistributedApplicationTestingBuilder.Create("builder-self");
        var postgres = builder.AddPostgres("postgres");
        Assert.Throws<ArgumentException>(() => postgres.WaitFor(postgres));
    }

    [Fact]
    public void The_platform_model_wires_every_service_to_its_database_and_the_broker()
    {
        var builder = DistributedApplicationTestingBuilder.CreatePlatform("builder-platform");

        var projects = builder.Resources.OfType<ProjectResource>().ToDictionary(p => p.Name);
        Assert.Equal(["education", "gateway", "health", "social"], projects.Keys.Order());
        foreach (var agency in new[] { "education", "health", "social" })
        {
            Assert.Equal(new[] { $"{agency}-db", "messaging" }.Order(), projects[agency].References.Select(r => r.Name).Order());
            Assert.Equal(new[] { $"{agency}-db", "messaging" }.Order(), projects[agency].WaitsFor.Select(r => r.Name).Order());
            Assert.True(projects[agency].GetEndpoint("grpc").Http2Only);
            Assert.Equal("/health", projects[agency].HealthCheckPath);
        }
        Assert.Contains(projects["gateway"].References, r => r.Name == "education");
    }

    [Fact]
    public void A_missing_server_binary_names_the_debian_package_to_install()
    {
        var error = Assert.Throws<ResourceStartException>(() =>
            BinaryLocator.Require("The PostgreSQL server", "postgresql", ["/nonexistent/bin/postgres"]));
        Assert.Contains("apt-get install -y postgresql", error.Message);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=5432;Username=postgres;Password=s3cret;Database=x", "Host=127.0.0.1;Port=5432;Username=postgres;Password=***;Database=x")]
    [InlineData("amqp://platform:s3cret@127.0.0.1:5672/", "amqp://platform:***@127.0.0.1:5672/")]
    public void Connection_strings_are_shown_without_passwords(string connectionString, string shown) =>
        Assert.Equal(shown, SecretMasking.RedactConnectionString(connectionString));

    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_HEADERS", "x-otlp-api-key=abc", "***")]
    [InlineData("Dashboard__BrowserToken", "abc", "***")]
    [InlineData("ConnectionStrings__education-db", "Host=h;Password=pw;Database=d", "Host=h;Password=***;Database=d")]
    [InlineData("OTEL_SERVICE_NAME", "education", "education")]
    public void Secret_variables_are_masked_and_others_shown(string name, string value, string shown) =>
        Assert.Equal(shown, SecretMasking.MaskVariable(name, value));

    [Fact]
    public void Services_stop_before_the_services_databases_and_broker_they_use()
    {
        var builder = DistributedApplicationTestingBuilder.CreatePlatform("builder-stop-order");

        var levels = StopOrder.Levels(builder.Resources).Select(level => level.Select(r => r.Name).Order().ToList()).ToList();

        Assert.Equal(["gateway"], levels[0]);
        Assert.Equal(["education", "health", "social"], levels[1]);
        Assert.Equal(["education-db", "gateway-db", "health-db", "social-db"], levels[2]);
        Assert.Equal(["messaging", "postgres"], levels[3]);
    }
}
