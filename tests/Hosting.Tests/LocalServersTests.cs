using System.Diagnostics;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Platform.Hosting.Postgres;
using Platform.Hosting.RabbitMQ;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Xunit.Abstractions;

namespace Platform.Hosting.Tests;

public sealed class LocalServersTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Resources = ["postgres", "education-db", "messaging"];
    private readonly TestRun _run = new();

    private static IDistributedApplicationTestingBuilder WithServers(IDistributedApplicationTestingBuilder builder)
    {
        builder.AddPostgresServer("postgres").AddDatabase("education-db");
        builder.AddRabbitMQServer("messaging");
        return builder;
    }

    [Fact]
    public async Task A_first_start_gives_connection_strings_that_work_for_the_server_the_database_and_the_broker()
    {
        var started = Stopwatch.StartNew();
        await using var app = await TestRun.StartHealthyAsync(WithServers(_run.Builder()), Resources);
        output.WriteLine($"first start (initdb, new node) healthy in {started.Elapsed.TotalSeconds:F1} s");

        var server = await app.GetConnectionStringAsync("postgres");
        Assert.Equal(15, await Clients.QueryAsync<int>(server!, "SELECT current_setting('server_version_num')::int / 10000"));
        Assert.Equal("education-db", await Clients.QueryAsync<string>((await app.GetConnectionStringAsync("education-db"))!, "SELECT current_database()"));

        var messaging = (await app.GetConnectionStringAsync("messaging"))!;
        Assert.StartsWith($"amqp://{LocalRabbitMQServerResource.UserName}:", messaging);
        await using (var connection = await Clients.OpenBrokerAsync(messaging))
        await using (var channel = await connection.CreateChannelAsync())
            await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true);

        // No guest account: only the platform's user may log in, even from loopback.
        var guest = new UriBuilder(messaging) { UserName = "guest", Password = "guest" }.Uri.ToString();
        await Assert.ThrowsAnyAsync<Exception>(async () => await (await Clients.OpenBrokerAsync(guest)).DisposeAsync());
    }

    [Fact]
    public async Task A_restart_with_the_same_data_folder_keeps_rows_and_persistent_messages_even_when_the_passwords_changed()
    {
        var first = WithServers(_run.Builder());
        first.Configuration["Parameters:postgres-password"] = "FirstPassword1";
        first.Configuration["Parameters:messaging-password"] = "FirstPassword1";
        await using (var app = await TestRun.StartHealthyAsync(first, Resources))
        {
            var database = (await app.GetConnectionStringAsync("education-db"))!;
            await Clients.QueryAsync<int>(database, "CREATE TABLE notes (text text NOT NULL); INSERT INTO notes VALUES ('kept'); SELECT 1");
            await using var connection = await Clients.OpenBrokerAsync((await app.GetConnectionStringAsync("messaging"))!);
            await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
                publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
            await channel.QueueDeclareAsync("kept", durable: true, exclusive: false, autoDelete: false);
            await channel.BasicPublishAsync("", "kept", mandatory: true,
                new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes("hello"));
        }

        var second = WithServers(_run.Builder());
        second.Configuration["Parameters:postgres-password"] = "SecondPassword2";
        second.Configuration["Parameters:messaging-password"] = "SecondPassword2";
        var restarted = Stopwatch.StartNew();
        await using (var app = await TestRun.StartHealthyAsync(second, Resources))
        {
            output.WriteLine($"restart (existing data, changed passwords) healthy in {restarted.Elapsed.TotalSeconds:F1} s");
            var database = (await app.GetConnectionStringAsync("education-db"))!;
            Assert.Contains("SecondPassword2", database);
            Assert.Equal("kept", await Clients.QueryAsync<string>(database, "SELECT text FROM notes"));

            var messaging = (await app.GetConnectionStringAsync("messaging"))!;
            Assert.Contains("SecondPassword2", messaging);
            await using var connection = await Clients.OpenBrokerAsync(messaging);
            await using var channel = await connection.CreateChannelAsync();
            var message = await channel.BasicGetAsync("kept", autoAck: true);
            Assert.NotNull(message);
            Assert.Equal("hello", Encoding.UTF8.GetString(message.Body.Span));
        }
    }

    [Fact]
    public async Task Fresh_wipes_the_data_folder_before_the_start()
    {
        await using (var app = await TestRun.StartHealthyAsync(AddPostgresOnly(_run.Builder()), "education-db"))
            await Clients.QueryAsync<int>((await app.GetConnectionStringAsync("education-db"))!, "CREATE TABLE notes (text text); SELECT 1");
        var leftBehind = Path.Combine(_run.DataFolder, "left-behind.txt");
        await File.WriteAllTextAsync(leftBehind, "from before");

        await using (var app = await TestRun.StartHealthyAsync(AddPostgresOnly(_run.Builder("--fresh")), "education-db"))
        {
            Assert.False(File.Exists(leftBehind));
            Assert.Null(await Clients.QueryAsync<string>((await app.GetConnectionStringAsync("education-db"))!, "SELECT to_regclass('notes')::text"));
        }

        static IDistributedApplicationTestingBuilder AddPostgresOnly(IDistributedApplicationTestingBuilder builder)
        {
            builder.AddPostgresServer("postgres").AddDatabase("education-db");
            return builder;
        }
    }

    [Fact]
    public async Task A_clean_stop_leaves_no_process_of_the_run()
    {
        var app = await TestRun.StartHealthyAsync(WithServers(_run.Builder()), Resources);
        var running = RunProcess.Of(_run.DataFolder);
        Assert.Contains(running, p => p.Name == "postgres" && p.CommandLine.Contains(_run.DataFolder));
        Assert.Contains(running, p => p.Name == "beam.smp");
        Assert.Contains(running, p => p.Name == "epmd");

        var stopping = Stopwatch.StartNew();
        await app.StopAsync();
        await app.DisposeAsync();
        output.WriteLine($"stopped in {stopping.Elapsed.TotalSeconds:F1} s; it had run: {string.Join(", ", running.Select(p => p.Name).Distinct())}");

        Assert.DoesNotContain(running, p => p.IsStillRunning);
        Assert.Empty(RunProcess.Of(_run.DataFolder));
    }

    [Theory]
    [InlineData("Hosting:PostgresBinDirectory", "/nonexistent/postgresql/bin", "postgres", "postgresql")]
    [InlineData("Hosting:RabbitMQServer", "/nonexistent/rabbitmq-server", "messaging", "rabbitmq-server")]
    public async Task A_missing_binary_fails_the_resource_with_the_Debian_package_to_install(string key, string path, string resource, string package)
    {
        var builder = _run.Builder();
        builder.Configuration[key] = path;
        var app = await WithServers(builder).BuildAsync();
        await app.StartAsync();

        var log = await TestRun.FailedStartLogAsync(app, resource);
        Assert.Contains($"apt-get install -y {package}", log);
        Assert.Contains(path, log);

        // Stopped while the other server is still coming up: nothing of it may stay (a RabbitMQ node stopped during
        // its boot once left a daemonised epmd behind).
        await app.StopAsync();
        await app.DisposeAsync();
        Assert.Empty(RunProcess.Of(_run.DataFolder));
    }

    public void Dispose() => _run.Dispose();
}
