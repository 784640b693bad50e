using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Platform.Contracts.Education.V1;
using Platform.Contracts.Health.V1;
using Platform.Contracts.Social.V1;
using Platform.Grpc.Client;
using Platform.Grpc.Protocol;
using Platform.Security.Certificates;
using Platform.Security.MutualTls;
using Platform.SyntheticData;

// Loads synthetic children into the three agency services over gRPC, as their systems would at an initial load.
// Safe to run again: a record resubmitted with the same id and version is a no-op, so a second run (or one after
// an interrupted load) only adds what is missing.
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
var options = DemoDataOptions.From(configuration);
if (options.Children <= 0)
{
    Console.WriteLine("DemoData:Children is 0: nothing to load.");
    return 0;
}

Console.WriteLine($"Generating {options.Children:N0} children (seed {options.Seed}, as of {options.AsOf:yyyy-MM-dd}) ...");
var children = SyntheticRecords.Generate(options.Children, options.Seed, options.AsOf).ToList();
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };

try
{
    await Task.WhenAll(
        LoadAsync("education", EducationReflection.Descriptor.Services[0], children.SelectMany(c => c.Education).ToList()),
        LoadAsync("health", HealthReflection.Descriptor.Services[0], children.SelectMany(c => c.Health).ToList()),
        LoadAsync("social", SocialReflection.Descriptor.Services[0], children.SelectMany(c => c.Social).ToList()));
}
catch (Exception exception) when (exception is RpcException or HttpRequestException or InvalidOperationException)
{
    Console.Error.WriteLine($"Demo data could not be loaded: {exception.Message}");
    return 1;
}

Console.WriteLine("Children to look up (ListByIin on any agency service):");
foreach (var child in children.Where(c => c.Education.Count + c.Health.Count + c.Social.Count >= 3).Take(5))
{
    var region = child.Child.Kato.Region;
    Console.WriteLine($"  {child.Child.Iin}  {child.Child.LastName} {child.Child.FirstName} {child.Child.Patronymic}, {region.NameRu}: " +
        $"education {child.Education.Count}, health {child.Health.Count}, social {child.Social.Count}");
}
return 0;

async Task LoadAsync<TRecord>(string agency, Google.Protobuf.Reflection.ServiceDescriptor service, IReadOnlyList<TRecord> records)
    where TRecord : Google.Protobuf.IMessage<TRecord>
{
    using var channel = GrpcChannel.ForService(configuration, agency, handler: AgencySystemHandler(agency));
    var started = Stopwatch.GetTimestamp();
    var reply = await BulkLoad.SubmitAsync(new GrpcClient(channel, service), records,
        new Progress<int>(sent => Console.WriteLine($"{agency}: {sent:N0} of {records.Count:N0} records sent")), cancellation.Token);
    var unchanged = reply.Results.Count(r => r.Outcome == Platform.Contracts.Records.V1.SubmitOutcome.Unchanged);
    Console.WriteLine($"{agency}: {records.Count:N0} records in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s — " +
        $"{reply.Accepted - unchanged:N0} new, {unchanged:N0} already there, {reply.Rejected:N0} rejected");
    foreach (var rejected in reply.Results.Where(r => !r.Accepted).Take(3))
        Console.WriteLine($"{agency}: rejected {rejected.SourceRecordId}: {rejected.Error} {string.Join("; ", rejected.Violations.Select(v => $"{v.Field} {v.Description}"))}");
}

// The agency system's client certificate for mutual TLS, when the AppHost gave one (Security__Clients__<agency>__*).
HttpMessageHandler AgencySystemHandler(string agency)
{
    var client = configuration.GetSection($"Security:Clients:{agency}");
    if (configuration["Security:CaCertificate"] is not { } ca || client["Certificate"] is not { } certificate || client["Key"] is not { } key)
        return GrpcChannel.CreateHandler();
    return GrpcChannel.CreateHandler(PlatformTlsClient.Options(PemFiles.LoadCertificate(ca), PemFiles.LoadCertificateWithKey(certificate, key)));
}

/// <summary>
/// How much to load. The reference date is fixed rather than today so that every run generates the very same
/// records (ids, ages and dates all derive from it) and a rerun is a no-op.
/// </summary>
internal sealed record DemoDataOptions(int Children, int Seed, DateOnly AsOf)
{
    public static DemoDataOptions From(IConfiguration configuration) => new(
        configuration.GetValue("DemoData:Children", 20_000),
        configuration.GetValue("DemoData:Seed", 42),
        configuration["DemoData:AsOf"] is { Length: > 0 } asOf ? DateOnly.ParseExact(asOf, "yyyy-MM-dd") : new DateOnly(2026, 11, 1));
}
