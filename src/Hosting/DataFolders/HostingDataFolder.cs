using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Hosting.DataFolders;

/// <summary>
/// The one folder where an AppHost run keeps the local servers' data and the development certificates, one
/// sub-folder per resource. It is wiped (<c>--fresh</c>) at most once per run, before any resource uses it.
/// </summary>
public sealed class HostingDataFolder
{
    private readonly Lazy<string> _prepared;

    private HostingDataFolder(DataFolderLocation location)
    {
        Location = location;
        _prepared = new Lazy<string>(() =>
        {
            if (location.Fresh && Directory.Exists(location.Path)) Directory.Delete(location.Path, recursive: true);
            Directory.CreateDirectory(location.Path);
            return location.Path;
        });
    }

    public DataFolderLocation Location { get; }

    public string Root => Location.Path;

    /// <summary>The folder, wiped first if this run asked for it (only the first call of a run wipes).</summary>
    public string Prepare() => _prepared.Value;

    /// <summary>A resource's own sub-folder, once the folder is prepared.</summary>
    public string Prepare(string resourceName) => Path.Combine(Prepare(), resourceName);

    /// <summary>The builder's data folder: created on first use from its arguments and configuration, then shared.</summary>
    public static HostingDataFolder Of(IDistributedApplicationBuilder builder)
    {
        if (builder.Services.FirstOrDefault(s => s.ServiceType == typeof(HostingDataFolder))?.ImplementationInstance is HostingDataFolder existing)
            return existing;

        var arguments = builder.Services.Select(s => s.ImplementationInstance).OfType<DistributedApplicationOptions>().FirstOrDefault()?.Args ?? [];
        var folder = new HostingDataFolder(DataFolderLocation.Resolve(arguments, builder.Configuration));
        builder.Services.AddSingleton(folder);
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            folder.Prepare();
            var logger = @event.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Hosting");
            logger.LogInformation("Local servers keep their data in {DataFolder}{Fresh}", folder.Root, folder.Location.Fresh ? " (wiped first: --fresh)" : "");
            if (folder.Location.MovedBecause is { } reason) logger.LogWarning("{Reason}", reason);
            return Task.CompletedTask;
        });
        return folder;
    }
}
