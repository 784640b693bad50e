namespace Platform.AppHost.Hosting.Resources;

/// <summary>Something the AppHost runs or connects to: a server, a database on it, or a service.</summary>
public abstract class Resource(string name)
{
    public string Name { get; } = ResourceName.Validate(name);

    /// <summary>A short type label for the resource table and the dashboard.</summary>
    public abstract string Type { get; }

    /// <summary>Resources that must be Running and healthy before this one starts.</summary>
    public List<Resource> WaitsFor { get; } = [];

    public override string ToString() => Name;
}

/// <summary>A resource other resources connect to through <c>ConnectionStrings__{Name}</c>.</summary>
public interface IResourceWithConnectionString
{
    string Name { get; }

    /// <summary>Known before start: ports, credentials and names are allocated when the model is built.</summary>
    string ConnectionString { get; }
}

internal static class ResourceName
{
    public static string Validate(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            && char.IsAsciiLetterLower(name[0])
            ? name
            : throw new ArgumentException(
                $"Resource name '{name}' must start with a lowercase letter and contain only lowercase letters, digits and '-'.",
                nameof(name));
}
