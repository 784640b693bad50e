using Google.Protobuf.WellKnownTypes;
using Platform.Testing;
using Platform.Contracts.Gateway.V1;
using Platform.Contracts.Health.V1;
using Platform.Contracts.Records.V1;
using Grpc.Core;
using Platform.Security;
using Platform.Security.Certificates;

namespace Platform.EndToEnd.Tests;

/// <summary>Agency systems query the integrated profile over the Gateway's gRPC API, each seeing its agency's view.</summary>
[Collection(SharedPlatformCollection.Name)]
public sealed class ChildProfilesApiTests(PlatformFixture platform)
{
    private const string ChildIin = "160512600014";

    private ChildProfiles.ChildProfilesClient Profiles(string system) => new(platform.App.CreateGrpcChannel("gateway", system));

    private async Task SubmitDiagnosisAsync(string recordId)
    {
        var health = new HealthRecords.HealthRecordsClient(platform.App.CreateGrpcChannel("health", "health-national"));
        await health.SubmitAsync(new HealthRecord
        {
            Header = new RecordHeader
            {
                SourceRecordId = recordId, Version = 1, Iin = ChildIin, Kato = "751110000", OrganizationId = "clinic-3",
                OccurredAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero)), LastName = "Омарова",
            },
            Diagnosis = new Diagnosis { Icd10 = "F84.0", DispensaryRegistration = true },
        });
    }

    private async Task<ProfileView> WaitForProfileAsync(ChildProfiles.ChildProfilesClient client, string recordId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                var view = await client.GetProfileAsync(new GetProfileRequest { Iin = ChildIin, Purpose = "test" });
                if (view.Records.Any(r => r.RecordId == recordId) || view.HiddenKinds.Count > 0) return view;
            }
            catch (RpcException error) when (error.StatusCode == StatusCode.NotFound) { }
            Assert.True(DateTime.UtcNow < deadline, $"The profile never showed {recordId}.");
            await Task.Delay(300);
        }
    }

    [Fact]
    public async Task Each_agency_system_gets_its_view_within_its_territory_and_can_watch_changes()
    {
        var watcher = Profiles("education-national");
        var startedAt = await LatestPositionAsync(watcher);
        var recordId = $"diagnosis-{Guid.NewGuid():N}";
        await SubmitDiagnosisAsync(recordId);

        var healthView = await WaitForProfileAsync(Profiles("health-national"), recordId);
        Assert.Contains("F84.0", healthView.Records.Single(r => r.RecordId == recordId).DetailsJson);
        var educationView = await Profiles("education-national").GetProfileAsync(new GetProfileRequest { Iin = ChildIin });
        Assert.DoesNotContain(educationView.Records, r => r.Kind == "DiagnosisRecorded");
        Assert.Contains("DiagnosisRecorded", educationView.HiddenKinds);

        var outside = await Assert.ThrowsAsync<RpcException>(() =>
            Profiles("education-astana").GetProfileAsync(new GetProfileRequest { Iin = ChildIin }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, outside.StatusCode);
        var invalid = await Assert.ThrowsAsync<RpcException>(() =>
            Profiles("education-national").GetProfileAsync(new GetProfileRequest { Iin = "160512600015" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        var anonymous = new ChildProfiles.ChildProfilesClient(platform.App.CreateGrpcChannel("gateway", systemName: null));
        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(() =>
            anonymous.GetProfileAsync(new GetProfileRequest { Iin = ChildIin }).ResponseAsync)).StatusCode);

        var search = await Profiles("health-almaty").SearchChildrenAsync(new SearchChildrenRequest { Kato = "751110000", PageSize = 200 });
        Assert.All(search.Children, c => Assert.StartsWith("75", c.Region));
        var bySignal = await Assert.ThrowsAsync<RpcException>(() => Profiles("health-almaty").SearchChildrenAsync(new SearchChildrenRequest { Signal = "violence-suspected" }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, bySignal.StatusCode);

        // Resumable: from the position before the submit, the change of this child arrives.
        using var watching = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var changes = watcher.WatchChanges(new WatchChangesRequest { AfterPosition = startedAt }, cancellationToken: watching.Token);
        await foreach (var change in changes.ResponseStream.ReadAllAsync(watching.Token))
        {
            Assert.True(change.Position > startedAt);
            if (change.Iin == ChildIin) return;
        }
        Assert.Fail("WatchChanges never delivered the child's change.");
    }

    [Fact]
    public async Task A_system_over_its_rate_limit_gets_resource_exhausted_from_the_gateway_while_another_is_served()
    {
        var recordId = $"diagnosis-{Guid.NewGuid():N}";
        await SubmitDiagnosisAsync(recordId);
        await WaitForProfileAsync(Profiles("health-national"), recordId);
        // A certificate of its own, so no other test shares its bucket.
        using var authority = AgencySystemChannels.DevelopmentFiles(platform.App).LoadAuthority();
        using var certificate = authority.IssueClientCertificate(
            new AgencyCaller("health-flood", Agency.Health, null, AgencyTerritory.National), CertificateValidity.StartingNow(TimeSpan.FromDays(1)));
        var flooding = new ChildProfiles.ChildProfilesClient(platform.App.CreateGrpcChannel("gateway", certificate));

        var statuses = await GrpcCalls.FloodAsync(600, () =>
            flooding.GetProfileAsync(new GetProfileRequest { Iin = ChildIin, Purpose = "flood" }));

        Assert.Contains(StatusCode.ResourceExhausted, statuses);
        Assert.Contains(StatusCode.OK, statuses);
        Assert.All(statuses, s => Assert.True(s is StatusCode.OK or StatusCode.ResourceExhausted, $"unexpected {s}"));
        var other = await Profiles("health-national").GetProfileAsync(new GetProfileRequest { Iin = ChildIin });
        Assert.Equal(ChildIin, other.Iin);
    }

    private static async Task<long> LatestPositionAsync(ChildProfiles.ChildProfilesClient watcher)
    {
        long latest = 0;
        using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            using var changes = watcher.WatchChanges(new WatchChangesRequest(), cancellationToken: quiet.Token);
            await foreach (var change in changes.ResponseStream.ReadAllAsync(quiet.Token))
                latest = change.Position;
        }
        catch (Exception error) when (error is OperationCanceledException or RpcException) { }
        return latest;
    }
}
