using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Postgres;

/// <summary>
/// A private PostgreSQL cluster run from Debian's binaries: one postmaster, loopback only, on a port DCP allocates,
/// with its cluster in <see cref="ClusterDirectory"/>.
/// </summary>
public sealed class LocalPostgresServerResource(string name, string command, string dataDirectory, PostgresInstallation installation, ParameterResource password)
    : ExecutableResource(name, command, dataDirectory), IResourceWithConnectionString
{
    public const string UserName = "postgres";
    public const string EndpointName = "tcp";

    public PostgresInstallation Installation { get; } = installation;
    public ParameterResource PasswordParameter { get; } = password;
    public string DataDirectory => WorkingDirectory;
    public string ClusterDirectory => Path.Combine(DataDirectory, "cluster");

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host=127.0.0.1;Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={UserName};Password={PasswordParameter}");
}
