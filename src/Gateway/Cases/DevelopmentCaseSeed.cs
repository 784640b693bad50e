using Npgsql;
using Platform.Audit;
using Platform.Gateway.Cases.FollowUp;
using Platform.Gateway.Cases.Referrals;
using Platform.Gateway.Cases.Sessions;
using Platform.Gateway.Staff;

namespace Platform.Gateway.Cases;

/// <summary>
/// In Development with <c>DemoData:Cases</c> above 0 (the AppHost sets it when it loads demo data): once the demo
/// data has brought signals to the development secretary's district, opens up to that many cases on half of them, refers tasks to
/// the agencies on some, and records a session held last week and one planned for this week, all through the same
/// stores the pages use, so the workspace has something to show at once. Does nothing when the commission has cases.
/// </summary>
internal sealed class DevelopmentCaseSeed(
    IConfiguration configuration, NpgsqlDataSource dataSource, WorkQueue queue, CaseStore cases, CaseReferrals referrals, CommissionSessions sessions,
    CommissionComposition composition, TimeProvider time, ILogger<DevelopmentCaseSeed> logger) : BackgroundService
{
    public const string CasesKey = "DemoData:Cases";

    /// <summary>How long to wait for the demo data to bring a first signal.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wanted = configuration.GetValue(CasesKey, 0);
        if (wanted <= 0) return;
        var secretary = DevelopmentStaffSeed.Accounts.First(account => account.Role == StaffRole.CommissionSecretary);
        var actor = new CaseActor(new AuditActor(DevelopmentStaffSeed.Actor, AuditActorKind.StaffUser, secretary.Role.Code, secretary.Scope.Code),
            secretary.Scope.Territory!.Value, ClientAddress: null);
        try
        {
            await WaitAndSeedAsync(wanted, actor, stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Demo data is a convenience: failing to make it must never stop the Gateway.
            logger.LogError(exception, "Demo cases could not be opened for commission {Commission}", actor.Commission);
        }
    }

    /// <summary>
    /// Waits until the demo load has brought signals and gone quiet (the profile unchanged for half a minute: cases
    /// opened while records still arrive would be opened on signals about to be cleared), then seeds once.
    /// </summary>
    private async Task WaitAndSeedAsync(int wanted, CaseActor actor, CancellationToken stoppingToken)
    {
        var giveUpAt = time.GetUtcNow() + Patience;
        var (lastPosition, quietLooks) = (-1L, 0);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var (newSignals, held) = await queue.TotalsAsync(actor.Commission, stoppingToken);
            if (held > 0) return;
            var position = await ProfilePositionAsync(stoppingToken);
            (lastPosition, quietLooks) = (position, position == lastPosition ? quietLooks + 1 : 0);
            if (newSignals == 0)
            {
                if (time.GetUtcNow() < giveUpAt) continue;
                logger.LogInformation("No signals reached commission {Commission}: no demo cases opened", actor.Commission);
                return;
            }
            if (quietLooks < 3) continue;
            // Half the children with a signal at most, so that the work queue still shows new signals to open a case from.
            var view = await queue.ReadAsync(actor, signal: null, afterIin: "", 2 * wanted, stoppingToken);
            var chosen = view.NewSignals.Take(Math.Min(wanted, (view.NewSignals.Count + 1) / 2)).ToList();
            await SeedAsync(chosen, actor, stoppingToken);
            logger.LogInformation("Demo cases opened for commission {Commission}: {Count} cases, referrals and two sessions", actor.Commission, chosen.Count);
            return;
        }
    }

    private async Task<long> ProfilePositionAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT coalesce(max(position), 0) FROM gateway.profile_changes");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task SeedAsync(IReadOnlyList<NewSignalRow> signals, CaseActor actor, CancellationToken cancellationToken)
    {
        var members = await composition.OfAsync(actor.Commission, includeFormer: false, cancellationToken);
        var now = time.GetUtcNow();
        var today = WorkingCalendar.Kazakhstan.LocalDate(now);
        var opened = new List<CaseFile>();
        foreach (var (row, index) in signals.Select((row, index) => (row, index)))
        {
            var responsible = members.Count > 0 ? members[index % members.Count].FullName : null;
            CaseFile file;
            try
            {
                file = await cases.OpenAsync(Platform.Contracts.Identity.Iin.Parse(row.Iin), row.Signals, reason: null, responsible, actor, cancellationToken);
            }
            catch (CaseRefusedException refused)
            {
                // A signal cleared since the queue was read: that child is simply not among the demo cases.
                logger.LogInformation("No demo case for {Iin}: {Reason}", row.Iin, refused.Message);
                continue;
            }
            opened.Add(file);
            NewReferral? referral = (index % 3) switch
            {
                0 => new(Guid.NewGuid(), "health", "Провести осмотр педиатра и дать заключение о состоянии здоровья", today.AddDays(7)),
                1 => new(Guid.NewGuid(), "education", "Представить характеристику и сведения о посещаемости", today.AddDays(5)),
                _ => null,
            };
            if (referral is not null) await referrals.IssueAsync(file.Id, referral, actor, cancellationToken);
        }
        if (members.Count == 0 || opened.Count < 2) return;

        var lastWeek = WorkingCalendar.Kazakhstan.StartOf(today.AddDays(-7)).AddHours(10);
        var held = await sessions.PlanAsync(new NewSession(Guid.NewGuid(), lastWeek, "Акимат района, зал заседаний"), actor, cancellationToken);
        var version = held.Version;
        foreach (var file in opened.Take(2)) await sessions.AddToAgendaAsync(held.Id, version++, file.Id, actor, cancellationToken);
        var present = members.Take(members.Count - 2).Select(member => member.Id).ToList();
        await sessions.RecordAttendanceAsync(held.Id, version++, present, actor, cancellationToken);
        foreach (var file in opened.Take(2))
        {
            await sessions.DecideAsync(held.Id, version++, file.Id,
                "Признать несовершеннолетнего нуждающимся в защите; поручить посетить семью и составить акт обследования условий жизни.",
                new Vote(present.Count, 0, 0, ChairVotedFor: false), actor, cancellationToken);
            await sessions.AddMeasureAsync(held.Id, file.Id, new NewMeasure(Guid.NewGuid(), null, members[^1].Id,
                "Посетить семью, составить акт обследования условий жизни", today.AddDays(3)), actor, cancellationToken);
        }
        await sessions.HoldAsync(held.Id, version, actor, cancellationToken);

        var thisWeek = WorkingCalendar.Kazakhstan.StartOf(today.AddDays(3)).AddHours(10);
        var planned = await sessions.PlanAsync(new NewSession(Guid.NewGuid(), thisWeek, "Акимат района, зал заседаний"), actor, cancellationToken);
        version = planned.Version;
        foreach (var file in opened.Skip(2).Take(3)) await sessions.AddToAgendaAsync(planned.Id, version++, file.Id, actor, cancellationToken);
    }
}
