using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Platform.Contracts.Education.V1;
using Platform.Contracts.Health.V1;
using Platform.Contracts.Social.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Security.Certificates;
using Platform.Security.MutualTls;
using Platform.SyntheticData;
using Platform.Contracts.Territory;

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
var children = SyntheticRecords.Generate(options.Children, options.Seed, options.AsOf, options.FocusDistrict).ToList();
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };

try
{
    await Task.WhenAll(
        LoadAsync("education", channel => new EducationRecords.EducationRecordsClient(channel).BulkSubmit, children.SelectMany(c => c.Education).ToList()),
        LoadAsync("health", channel => new HealthRecords.HealthRecordsClient(channel).BulkSubmit, children.SelectMany(c => c.Health).ToList()),
        LoadAsync("social", channel => new SocialRecords.SocialRecordsClient(channel).BulkSubmit, children.SelectMany(c => c.Social).ToList()));
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

async Task LoadAsync<TRecord>(
    string agency, Func<GrpcChannel, Func<CallOptions, AsyncClientStreamingCall<TRecord, Platform.Contracts.Records.V1.BulkSubmitReply>>> bulkSubmit,
    IReadOnlyList<TRecord> records)
{
    using var channel = AgencySystemChannelTo(agency);
    var started = Stopwatch.GetTimestamp();
    var reply = await BulkLoad.SubmitAsync(bulkSubmit(channel), records,
        new Progress<int>(sent => Console.WriteLine($"{agency}: {sent:N0} of {records.Count:N0} records sent")), cancellation.Token);
    var unchanged = reply.Results.Count(r => r.Outcome == Platform.Contracts.Records.V1.SubmitOutcome.Unchanged);
    Console.WriteLine($"{agency}: {records.Count:N0} records in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s — " +
        $"{reply.Accepted - unchanged:N0} new, {unchanged:N0} already there, {reply.Rejected:N0} rejected");
    foreach (var rejected in reply.Results.Where(r => !r.Accepted).Take(3))
        Console.WriteLine($"{agency}: rejected {rejected.SourceRecordId}: {rejected.Error} {string.Join("; ", rejected.Violations.Select(v => $"{v.Field} {v.Description}"))}");
}

// The service's address as the AppHost injects it (services__<agency>__grpc__0), with the agency system's client
// certificate for mutual TLS (Security__Clients__<agency>__*).
GrpcChannel AgencySystemChannelTo(string agency)
{
    var address = configuration[$"services:{agency}:grpc:0"]
        ?? throw new InvalidOperationException($"No address for service '{agency}': set services__{agency}__grpc__0 (the AppHost injects it).");
    var client = configuration.GetSection($"Security:Clients:{agency}");
    if (configuration["Security:CaCertificate"] is not { } ca || client["Certificate"] is not { } certificate || client["Key"] is not { } key)
        throw new InvalidOperationException($"No client certificate for '{agency}': set Security__CaCertificate and Security__Clients__{agency}__Certificate/Key (the AppHost gives them).");
    return AgencySystemChannel.Create(new Uri(address), PemFiles.LoadCertificate(ca), PemFiles.LoadCertificateWithKey(certificate, key));
}

/// <summary>
/// How much to load. The reference date is fixed rather than today so that every run generates the very same
/// records (ids, ages and dates all derive from it) and a rerun is a no-op.
/// </summary>
/// <param name="FocusDistrict">A twentieth of the families live here: the demo secretary's district (Astana's Almaty
/// district, as the Gateway's development accounts have it) unless <c>DemoData:FocusDistrict</c> names another, or none ("").</param>
internal sealed record DemoDataOptions(int Children, int Seed, DateOnly AsOf, Kato? FocusDistrict)
{
    public static DemoDataOptions From(IConfiguration configuration) => new(
        configuration.GetValue("DemoData:Children", 20_000),
        configuration.GetValue("DemoData:Seed", 42),
        configuration["DemoData:AsOf"] is { Length: > 0 } asOf ? DateOnly.ParseExact(asOf, "yyyy-MM-dd") : new DateOnly(2026, 11, 1),
        (configuration["DemoData:FocusDistrict"] ?? "711210000") is { Length: > 0 } focus ? Kato.Parse(focus) : null);
}
