using Microsoft.Extensions.Configuration;
using Platform.AppHost.Hosting.Application;

namespace Platform.AppHost.Testing;

/// <summary>
/// Builders for tests, in the spirit of Aspire.Hosting.Testing: the same resources and runners as the real
/// AppHost, in a data folder of the test's own (wiped first), on random ports, with output kept for the test
/// rather than echoed, and with no connection strings taken from the machine's environment.
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    public static DistributedApplicationBuilder Create(
        string name, IDictionary<string, string?>? configuration = null, bool fresh = true, bool withDashboard = false) =>
        new(new DistributedApplicationOptions
            {
                DataDirectory = DataDirectories.Default(Path.Combine("tests", name)),
                Fresh = fresh,
                EchoResourceLogs = false,
                RandomizePorts = true,
                DashboardEnabled = withDashboard,
            },
            new ConfigurationBuilder().AddInMemoryCollection(configuration ?? new Dictionary<string, string?>()).Build());

    /// <summary>
    /// The whole platform, as <see cref="PlatformModel"/> defines it; the Gateway's development staff accounts get
    /// <see cref="StaffSessions.DevelopmentPassword"/>.
    /// </summary>
    public static DistributedApplicationBuilder CreatePlatform(
        string name, bool withDashboard = false, IReadOnlyDictionary<string, string?>? configuration = null)
    {
        var settings = new Dictionary<string, string?>(configuration ?? new Dictionary<string, string?>())
        {
            [PlatformModel.StaffSeedPasswordKey] = StaffSessions.DevelopmentPassword,
        };
        var builder = Create(name, settings, withDashboard: withDashboard);
        PlatformModel.Define(builder);
        return builder;
    }
}
