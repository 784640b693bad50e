namespace Platform.AppHost.Hosting.Resources;

public sealed class RabbitMQServerResource(string name) : Resource(name), IResourceWithConnectionString
{
    public const string UserName = "platform";

    public override string Type => "RabbitMQ";

    /// <summary>Set when configuration names an existing broker; then no local node is started.</summary>
    public string? ExistingConnectionString { get; set; }

    public int Port { get; set; }
    public int DistributionPort { get; set; }
    public int EpmdPort { get; set; }
    public string Password { get; set; } = "";

    public string ConnectionString =>
        ExistingConnectionString ?? $"amqp://{UserName}:{Uri.EscapeDataString(Password)}@127.0.0.1:{Port}/";
}
