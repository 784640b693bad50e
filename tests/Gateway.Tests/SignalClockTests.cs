using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Platform.Contracts.IntegrationEvents;
using Platform.Gateway.Profiles;

namespace Platform.Gateway.Tests;

/// <summary>Signals that depend on time are raised and cleared when their day comes, on a clock the test moves.</summary>
[Collection(GatewayOnSharedBroker.Name)]
public sealed class SignalClockTests
{
    private const string Child = "150315501231";
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);

    private static async Task<string[]> OpenSignalsAsync(StaffGateway gateway)
    {
        await using var command = gateway.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            "SELECT code FROM gateway.signals WHERE iin = $1 AND cleared_at IS NULL ORDER BY code");
        command.Parameters.Add(new() { Value = Child });
        var codes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) codes.Add(reader.GetString(0));
        return [.. codes];
    }

    [Fact]
    public async Task A_screenings_thirty_days_and_a_benefits_end_change_the_signals_on_their_day_and_only_then()
    {
        var clock = new FakeTimeProvider(Now);
        await using var gateway = await StaffGateway.StartAsync(services: services => services.AddSingleton<TimeProvider>(clock));
        var projection = gateway.Services.GetRequiredService<ProfileProjection>();
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        await projection.ApplyAsync(
        [
            ProfileProjectionTests.Event(new ScreeningRecorded { ScreeningType = "MchatR", Risk = "High", Score = 12 }, SourceAgencies.Health, "scr-1", 1)
                with { OccurredAt = Now.AddDays(-20) },
            ProfileProjectionTests.Event(new DisabilityStatusRecorded { Cause = "congenital", ValidFrom = today.AddYears(-1), HasRehabilitationProgramme = true },
                SourceAgencies.Social, "dis-1", 1),
            ProfileProjectionTests.Event(new BenefitRecorded
            {
                BenefitType = "DisabledChildAllowance", MonthlyAmountTenge = 70_000, StartDate = today.AddYears(-1), EndDate = today.AddDays(5),
            }, SourceAgencies.Social, "ben-1", 1),
            ProfileProjectionTests.Event(new EnrolmentRecorded { OrganizationType = "School", Form = "Inclusive", Grade = 4, StartDate = today.AddMonths(-3) },
                SourceAgencies.Education, "enr-1", 1),
        ], CancellationToken.None);
        Assert.Empty(await OpenSignalsAsync(gateway));

        // Before either day nothing is due, and nothing is read.
        clock.SetUtcNow(Now.AddDays(3));
        Assert.Equal(0, await projection.ReevaluateDueAsync(CancellationToken.None));

        // The benefit ended on day 5: from day 6 the disabled child has no support.
        // The Gateway's own signal clock wakes on the moved clock too; whichever looks first evaluates, the other skips.
        clock.SetUtcNow(Now.AddDays(6));
        await projection.ReevaluateDueAsync(CancellationToken.None);
        Assert.Equal(["disabled-without-support"], await Platform.Testing.Eventually.Async(() => OpenSignalsAsync(gateway), codes => codes.Length > 0));

        // The screening was 20 days old: on day 11 its thirty days without a follow-up have run out.
        clock.SetUtcNow(Now.AddDays(11));
        await projection.ReevaluateDueAsync(CancellationToken.None);
        Assert.Equal(["disabled-without-support", "mchat-high-risk-no-follow-up"],
            await Platform.Testing.Eventually.Async(() => OpenSignalsAsync(gateway), codes => codes.Length > 1));
        Assert.Equal(0, await projection.ReevaluateDueAsync(CancellationToken.None));
    }
}
