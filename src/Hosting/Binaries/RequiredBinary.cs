namespace Platform.Hosting.Binaries;

/// <summary>A program a local server needs, and the Debian package that installs it.</summary>
public sealed record RequiredBinary(string Description, string Path, string DebianPackage)
{
    /// <summary>Fails the resource's start with what to install, before DCP would fail it with "file not found".</summary>
    public void EnsureInstalled()
    {
        if (!File.Exists(Path)) throw new MissingBinaryException(this);
    }
}

public sealed class MissingBinaryException(RequiredBinary binary) : Exception(
    $"{binary.Description} was not found at {binary.Path}. Install the Debian package '{binary.DebianPackage}' " +
    $"(apt-get install -y {binary.DebianPackage}), or give an existing server's connection string in configuration.");
