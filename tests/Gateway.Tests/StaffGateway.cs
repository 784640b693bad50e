using Platform.Security.Certificates;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Platform.Testing;
using Platform.Contracts.Territory;
using Platform.Gateway.Staff;

namespace Platform.Gateway.Tests;

/// <summary>
/// The real Gateway (its Program.cs) in memory on its own empty database and the shared RabbitMQ node, with
/// browser-like clients: https, cookies kept, redirects not followed so the tests can see them.
/// </summary>
public sealed class StaffGateway : IAsyncDisposable
{
    public const string Password = "a long enough test password";

    // Any type of the Gateway's assembly names its entry point; Program itself is ambiguous here (the AppHost has one too).
    private readonly WebApplicationFactory<StaffAccountStore> _factory;

    private StaffGateway(WebApplicationFactory<StaffAccountStore> factory) => _factory = factory;

    public IServiceProvider Services => _factory.Services;

    /// <summary>The platform CA the Gateway trusts for agency systems (it will not start without one).</summary>
    public static readonly DevelopmentCertificates Certificates =
        DevelopmentCertificates.Ensure(Path.Combine(AppContext.BaseDirectory, "test-certificates"));

    /// <summary>Starts the Gateway in memory, or with <paramref name="onKestrel"/> on a real loopback port for a real browser.</summary>
    /// <param name="services">Replaces services for the test, such as the clock.</param>
    public static async Task<StaffGateway> StartAsync(
        string environment = "Production", IReadOnlyDictionary<string, string>? settings = null, bool onKestrel = false,
        Action<IServiceCollection>? services = null)
    {
        var shared = await SharedInfrastructure.GetAsync();
        var database = await shared.CreateDatabaseAsync();
        var factory = new WebApplicationFactory<StaffAccountStore>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(environment);
            web.UseSetting("ConnectionStrings:gateway-db", database);
            web.UseSetting("ConnectionStrings:messaging", shared.MessagingConnectionString);
            web.UseSetting("OTEL_SERVICE_NAME", "gateway");
            foreach (var (key, value) in Certificates.Configuration) web.UseSetting(key, value);
            foreach (var (key, value) in settings ?? new Dictionary<string, string>()) web.UseSetting(key, value);
            if (services is not null) web.ConfigureTestServices(services);
        });
        if (onKestrel) factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        return new StaffGateway(factory);
    }

    /// <summary>Where the Gateway listens when started on Kestrel.</summary>
    public Uri Address => new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());

    /// <summary>
    /// A gRPC channel to the Gateway in memory, as a system presenting <paramref name="clientCertificate"/> (or none)
    /// on its connection: certificate authentication checks it against the platform CA as it would after a handshake.
    /// </summary>
    public GrpcChannel SystemChannel(X509Certificate2? clientCertificate) =>
        GrpcChannel.ForAddress("https://localhost", new GrpcChannelOptions
        {
            HttpHandler = _factory.Server.CreateHandler(context => context.Connection.ClientCertificate = clientCertificate),
        });

    public HttpClient Browser(bool https = true) => _factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri(https ? "https://localhost" : "http://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    public async Task<Guid> CreateAccountAsync(string userName, StaffRole role, StaffScope? scope = null)
    {
        var accounts = Services.GetRequiredService<StaffAccountStore>();
        var hasher = Services.GetRequiredService<StaffPasswordHasher>();
        var id = await accounts.CreateAsync(new NewStaffAccount(userName, $"Тестовый {userName}", role, scope ?? StaffScope.National),
            hasher.Hash(Password), "test", CancellationToken.None);
        return id ?? throw new InvalidOperationException($"{userName} exists already.");
    }

    /// <summary>The antiforgery token of the form on <paramref name="page"/>, read as a browser would.</summary>
    public static async Task<string> FormTokenAsync(HttpClient browser, string page)
    {
        var response = await browser.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return StaffSessions.AntiforgeryTokenIn(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts a form of <paramref name="page"/> with its antiforgery token, as submitting it in a browser would.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient browser, string page, string action, params (string Name, string Value)[] fields)
    {
        var token = await FormTokenAsync(browser, page);
        return await browser.PostAsync(action, new FormUrlEncodedContent([.. fields.Select(f => KeyValuePair.Create(f.Name, f.Value)),
            KeyValuePair.Create("__RequestVerificationToken", token)]));
    }

    /// <summary>The integration events of type <typeparamref name="T"/> the Gateway wrote to its outbox, oldest first.</summary>
    public async Task<List<T>> OutboxEventsAsync<T>()
    {
        await using var command = Services.GetRequiredService<Npgsql.NpgsqlDataSource>().CreateCommand(
            "SELECT payload::text FROM platform.outbox_messages WHERE message_type LIKE $1 ORDER BY id");
        command.Parameters.Add(new() { Value = $"%.{typeof(T).Name},%" });
        var events = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) events.Add(System.Text.Json.JsonSerializer.Deserialize<T>(reader.GetString(0), System.Text.Json.JsonSerializerOptions.Web)!);
        return events;
    }

    /// <summary>A new browser session signed in as <paramref name="userName"/>.</summary>
    public async Task<HttpClient> SignedInAsync(string userName)
    {
        var browser = Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(browser, userName)).StatusCode);
        return browser;
    }

    /// <summary>A Gateway with the secretaries of an Almaty and an Astana district commission, and an analyst (no cases).</summary>
    public static async Task<StaffGateway> StartWithTwoCommissionsAsync(Action<IServiceCollection>? services = null)
    {
        var gateway = await StartAsync(services: services);
        await gateway.CreateAccountAsync("secretary.almaty", StaffRole.CommissionSecretary, StaffScope.Commission(CommissionLevel.District, Kato.Parse("751110000")));
        await gateway.CreateAccountAsync("secretary.astana", StaffRole.CommissionSecretary, StaffScope.Commission(CommissionLevel.District, Kato.Parse("711210000")));
        await gateway.CreateAccountAsync("analyst.one", StaffRole.ProjectOfficeAnalyst);
        return gateway;
    }

    /// <summary>A page the browser is shown (200 OK), as its HTML.</summary>
    public static async Task<string> PageAsync(HttpClient browser, string path)
    {
        var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The child of the Almaty district most case tests are about (Абаев).</summary>
    public const string AlmatyChild = "150315501231";

    /// <summary>
    /// Records a suspected-abuse injury of <see cref="AlmatyChild"/> and opens the Almaty commission's case on its signal
    /// as its secretary would: the secretary's browser and the case page's path.
    /// </summary>
    public async Task<(HttpClient Secretary, string CasePath)> OpenAlmatyCaseOnInjuryAsync()
    {
        await Services.GetRequiredService<Profiles.ProfileProjection>().ApplyAsync(
            [ProfileProjectionTests.Event(new Platform.Contracts.IntegrationEvents.InjuryRecorded { Icd10 = "T74.1", SuspectedAbuse = true },
                Platform.Contracts.IntegrationEvents.SourceAgencies.Health, "med-1", 1, "Абаев")],
            CancellationToken.None);
        var secretary = await SignedInAsync("secretary.almaty");
        var opened = await SubmitAsync(secretary, "/", "/cases", ("iin", AlmatyChild), ("signal", "violence-suspected"));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        return (secretary, opened.Headers.Location!.OriginalString);
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient browser, string userName, string password = Password) =>
        SubmitAsync(browser, "/signin", "/signin", ("userName", userName), ("password", password));

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}
