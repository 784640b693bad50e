using Microsoft.Extensions.Configuration;
using Platform.AppHost;
using Platform.Hosting.Postgres;
using Platform.Hosting.RabbitMQ;
using Platform.Hosting.Security;

var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgresServer("postgres");
var messaging = builder.AddRabbitMQServer("messaging");
var certificates = builder.AddPlatformCertificates();

var education = builder.AddAgencyService<Projects.Services_Education>("education", postgres.AddDatabase("education-db"), messaging, certificates);
var health = builder.AddAgencyService<Projects.Services_Health>("health", postgres.AddDatabase("health-db"), messaging, certificates);
var social = builder.AddAgencyService<Projects.Services_Social>("social", postgres.AddDatabase("social-db"), messaging, certificates);

var gatewayDb = postgres.AddDatabase("gateway-db");
var gateway = builder.AddProject<Projects.Gateway>("gateway", launchProfileName: null)
    .WithAppHostEnvironment(builder.Environment)
    .WithHttpEndpoint(port: builder.Configuration.GetValue<int?>(PlatformSettings.GatewayHttpPort), name: "http", isProxied: false)
    .WithPlatformGrpcEndpoint(certificates)
    .WithReference(gatewayDb).WaitFor(gatewayDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(education)
    .WithReference(health)
    .WithReference(social)
    .WithHttpHealthCheck("/health")
    .WithConfigurationSection(builder.Configuration.GetSection(PlatformSettings.RateLimits))
    .WithConfigurationSection(builder.Configuration.GetSection(PlatformSettings.StaffRateLimits))
    .WithConfigurationValue(builder.Configuration, PlatformSettings.StaffSeedPassword)
    .OnResourceReady(GatewayAnnouncement.PrintUrl);

// Synthetic children loaded into the agency services once they are healthy, as their systems would at an initial load
// (DemoData:Children=0 leaves it out). Its console shows the progress and children to look up.
if (builder.Configuration.GetValue(PlatformSettings.DemoDataChildren, 1) > 0)
{
    var demoData = builder.AddProject<Projects.Platform_DemoData>("demo-data", launchProfileName: null)
        .WithAppHostEnvironment(builder.Environment)
        .WithConfigurationSection(builder.Configuration.GetSection(PlatformSettings.DemoData));
    foreach (var agency in new[] { education, health, social })
        demoData.WithReference(agency).WaitFor(agency).WithClientCertificate(certificates, agency, $"{agency.Resource.Name}-national");
    // The demo commission gets some open cases, referrals and sessions on the signals the demo data raises.
    gateway.WithEnvironment("DemoData__Cases", builder.Configuration.GetValue(PlatformSettings.DemoDataCases, 12).ToString());
}

builder.Build().Run();
