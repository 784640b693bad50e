using System.Runtime.Versioning;
using Microsoft.Extensions.Configuration;
using Platform.Hosting.DataFolders;

namespace Platform.Hosting.Tests;

[SupportedOSPlatform("linux")]
public sealed class DataFolderLocationTests : IDisposable
{
    // Not CreateTempSubdirectory: it makes the folder owner-only, and these tests need to choose who may enter.
    private readonly string _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "platform-data-folder-" + Guid.NewGuid().ToString("N")[..12]),
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute).FullName;

    [Fact]
    public void Arguments_name_the_folder_and_ask_for_a_wipe_whatever_their_order()
    {
        Assert.Equal(("/srv/data", true), DataFolderLocation.ParseArguments(["--fresh", "--data-dir", "/srv/data", "--other"]));
        Assert.Equal(("/srv/data", false), DataFolderLocation.ParseArguments(["--data-dir", "/srv/data"]));
        Assert.Equal((null, false), DataFolderLocation.ParseArguments(["--data-dir"]));
    }

    [Fact]
    public void Configuration_gives_the_folder_when_the_arguments_do_not()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DataFolderLocation.DirectoryKey] = "/srv/configured",
            [DataFolderLocation.FreshKey] = "true",
        }).Build();

        Assert.Equal(new DataFolderLocation("/srv/configured", true), DataFolderLocation.Resolve([], configuration));
        Assert.Equal(new DataFolderLocation("/srv/argument", true), DataFolderLocation.Resolve(["--data-dir", "/srv/argument"], configuration));
    }

    [Fact]
    public void The_default_is_dot_data_beside_the_solution()
    {
        var repository = Repository(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute | UnixFileMode.OtherRead);
        var location = DataFolderLocation.Default(fresh: false, isRoot: true, Path.Combine(repository, "src", "AppHost", "bin"));
        Assert.Equal(new DataFolderLocation(Path.Combine(repository, ".data", "apphost"), false), location);
    }

    [Fact]
    public void As_root_a_repository_the_postgres_user_cannot_enter_moves_the_data_under_var_tmp()
    {
        var repository = Repository(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var start = Path.Combine(repository, "src");

        var moved = DataFolderLocation.Default(fresh: true, isRoot: true, start);
        Assert.Matches(@"^/var/tmp/platform-[0-9a-f]{12}/apphost$", moved.Path);
        Assert.Contains(repository, moved.MovedBecause);
        Assert.True(moved.Fresh);
        Assert.Equal(moved, DataFolderLocation.Default(fresh: true, isRoot: true, start));
        Assert.Equal(Path.Combine(repository, ".data", "apphost"), DataFolderLocation.Default(fresh: false, isRoot: false, start).Path);
    }

    private string Repository(UnixFileMode mode)
    {
        var repository = Path.Combine(_root, "clone");
        Directory.CreateDirectory(Path.Combine(repository, "src"));
        File.WriteAllText(Path.Combine(repository, "Platform.sln"), "");
        File.SetUnixFileMode(repository, mode);
        return repository;
    }

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
    }
}
