using Npgsql;
using Platform.Contracts.Identity;
using Platform.Contracts.Territory;
using Platform.Gateway.Profiles.Views;
using Platform.Audit;

namespace Platform.Gateway.Profiles;

/// <summary>Why and from where a viewer reads (for the audit trail), and a break-glass reason if they give one.</summary>
public sealed record ReadContext(string Purpose, string? ClientAddress, string? BreakGlassReason = null);

public abstract record ProfileLookup
{
    public sealed record NotFound : ProfileLookup;
    public sealed record Denied(string Reason) : ProfileLookup;
    public sealed record Found(ProfileView View, bool ByBreakGlass) : ProfileLookup;
}

public sealed record ChildSearch(Kato? Territory, string? Signal, int? MinAge, int? MaxAge, int PageSize, string AfterIin);

public sealed record ChildSummary(string Iin, DateOnly BirthDate, string Sex, int Age, string? LastName, string? FirstName, string? Region);

public sealed record ChildSearchPage(IReadOnlyList<ChildSummary> Children, string? NextAfterIin);

public sealed record ProfileChange(long Position, string Iin, DateTimeOffset ChangedAt);

/// <summary>The viewer may not search so (another territory, or signals it may not see).</summary>
public sealed class SearchDeniedException(string message) : Exception(message);

/// <summary>
/// The reads of the integrated profile every API goes through: the policy decides who may open what and shapes the
/// view (<see cref="ProfileViewPolicy"/>); every read, and every refused attempt, is written to the audit trail.
/// </summary>
public sealed class ProfileQueries(NpgsqlDataSource dataSource, ProfileReader reader, AuditTrail audit, TimeProvider time)
{
    public const int MaximumPageSize = 200;

    public async Task<ProfileLookup> GetAsync(Iin iin, ProfileViewer viewer, ReadContext read, CancellationToken cancellationToken)
    {
        if (viewer.Audience == ProfileAudience.None)
            return await DenyAsync(iin.Value, viewer, read, ProfileViewPolicy.MayOpen(viewer, [], null), cancellationToken);
        var profile = await reader.GetAsync(iin.Value, cancellationToken);
        if (profile is null) return new ProfileLookup.NotFound();

        var places = profile.Identity.Select(i => i.Region).Concat(profile.Records.Select(r => r.Event.Region))
            .Select(code => Kato.TryParse(code, out var kato, out _) ? kato : (Kato?)null).OfType<Kato>().Distinct().ToList();
        // Only a commission looking at a child outside its territory needs to know who holds the child's cases.
        var caseCommissions = viewer.Audience == ProfileAudience.Commission && !places.Any(viewer.Covers)
            ? await CaseCommissionsAsync(iin.Value, cancellationToken)
            : [];
        var decision = ProfileViewPolicy.MayOpen(viewer, places, read.BreakGlassReason, caseCommissions);
        if (decision is OpenDecision.Denied) return await DenyAsync(iin.Value, viewer, read, decision, cancellationToken);

        var view = ProfileViewPolicy.Shape(profile, viewer.Audience, time.GetUtcNow());
        var breakGlass = (decision as OpenDecision.AllowedByBreakGlass)?.Reason;
        await audit.AppendAsync([new AuditEntry(viewer.Actor, AuditAction.Read, iin.Value, view.Sections, read.Purpose, AuditOutcome.Allowed,
            read.ClientAddress, breakGlass)], cancellationToken);
        return new ProfileLookup.Found(view, breakGlass is not null);
    }

    private async Task<IReadOnlyList<Kato>> CaseCommissionsAsync(string iin, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT DISTINCT commission FROM gateway.cases WHERE iin = $1");
        command.Parameters.Add(new() { Value = iin });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var commissions = new List<Kato>();
        while (await reader.ReadAsync(cancellationToken)) commissions.Add(Kato.Parse(reader.GetString(0)));
        return commissions;
    }

    private async Task<ProfileLookup> DenyAsync(string iin, ProfileViewer viewer, ReadContext read, OpenDecision decision, CancellationToken cancellationToken)
    {
        await audit.AppendAsync([new AuditEntry(viewer.Actor, AuditAction.Read, iin, [], read.Purpose, AuditOutcome.Denied, read.ClientAddress)],
            cancellationToken);
        return new ProfileLookup.Denied(((OpenDecision.Denied)decision).Reason);
    }

    /// <summary>Children of a territory (within the viewer's), by open signal and age band, in IIN order.</summary>
    public async Task<ChildSearchPage> SearchAsync(ChildSearch search, ProfileViewer viewer, ReadContext read, CancellationToken cancellationToken)
    {
        if (viewer.Audience == ProfileAudience.None) throw new SearchDeniedException("This role does not search children.");
        if (search.Territory is { } asked && !viewer.Covers(asked))
            throw new SearchDeniedException($"Territory {asked} is outside the caller's territory {viewer.Territory}.");
        if (search.Signal is not null && viewer.Audience != ProfileAudience.Commission)
            throw new SearchDeniedException("Signals are for the commissions: an agency system cannot search by them.");

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var territory = search.Territory ?? viewer.Territory;
        await using var command = dataSource.CreateCommand("""
            SELECT c.iin, c.birth_date, c.sex, latest.last_name, latest.first_name, latest.region
            FROM gateway.children c
            LEFT JOIN LATERAL (
                SELECT last_name, first_name, region FROM gateway.reported_identity WHERE iin = c.iin ORDER BY reported_at DESC LIMIT 1
            ) latest ON true
            WHERE c.iin > $1
              AND ($2 = '' OR EXISTS (SELECT 1 FROM gateway.reported_identity r WHERE r.iin = c.iin AND r.region LIKE $2 || '%'))
              AND ($3 = '' OR EXISTS (SELECT 1 FROM gateway.signals s WHERE s.iin = c.iin AND s.code = $3 AND s.cleared_at IS NULL))
              AND c.birth_date <= $4 AND c.birth_date > $5
            ORDER BY c.iin
            LIMIT $6
            """);
        command.Parameters.Add(new() { Value = search.AfterIin });
        command.Parameters.Add(new() { Value = territory?.UnitPrefix ?? "" });
        command.Parameters.Add(new() { Value = search.Signal ?? "" });
        command.Parameters.Add(new() { Value = today.AddYears(-(search.MinAge ?? 0)) });
        command.Parameters.Add(new() { Value = today.AddYears(-((search.MaxAge ?? 150) + 1)) });
        command.Parameters.Add(new() { Value = search.PageSize + 1 });
        var children = new List<ChildSummary>();
        await using (var rows = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await rows.ReadAsync(cancellationToken))
            {
                var birthDate = rows.GetFieldValue<DateOnly>(1);
                children.Add(new ChildSummary(rows.GetString(0), birthDate, rows.GetString(2), Iin.AgeOn(birthDate, today),
                    TextOrNull(rows, 3), TextOrNull(rows, 4), TextOrNull(rows, 5)));
            }
        }
        var page = children.Count > search.PageSize
            ? new ChildSearchPage(children[..search.PageSize], children[search.PageSize - 1].Iin)
            : new ChildSearchPage(children, null);
        await audit.AppendAsync(page.Children.Select(c => new AuditEntry(viewer.Actor, AuditAction.Search, c.Iin, ["identity"], read.Purpose,
            AuditOutcome.Allowed, read.ClientAddress)).ToList(), cancellationToken);
        return page;
    }

    public const int MaximumNameMatches = 50;

    /// <summary>
    /// Children of the viewer's territory born on <paramref name="birthDate"/> whose name, as any agency reported it,
    /// begins with every word typed, in any spelling (<see cref="NameSpelling"/>); at most <see cref="MaximumNameMatches"/>.
    /// </summary>
    public async Task<IReadOnlyList<ChildSummary>> FindByNameAsync(string name, DateOnly birthDate, ProfileViewer viewer, ReadContext read,
        CancellationToken cancellationToken)
    {
        if (viewer.Audience == ProfileAudience.None) throw new SearchDeniedException("This role does not search children.");
        var typed = NameSpelling.WordKeys(name);
        if (typed.Count == 0) return [];
        await using var command = dataSource.CreateCommand("""
            SELECT c.iin, c.sex, r.last_name, r.first_name, r.patronymic, r.region
            FROM gateway.children c JOIN gateway.reported_identity r ON r.iin = c.iin
            WHERE c.birth_date = $1
              AND ($2 = '' OR EXISTS (SELECT 1 FROM gateway.reported_identity t WHERE t.iin = c.iin AND t.region LIKE $2 || '%'))
            ORDER BY c.iin, r.reported_at DESC
            """);
        command.Parameters.Add(new() { Value = birthDate });
        command.Parameters.Add(new() { Value = viewer.Territory?.UnitPrefix ?? "" });
        var identities = new List<(string Iin, string Sex, string? LastName, string? FirstName, string? Patronymic, string Region)>();
        await using (var rows = await command.ExecuteReaderAsync(cancellationToken))
            while (await rows.ReadAsync(cancellationToken))
                identities.Add((rows.GetString(0), rows.GetString(1), TextOrNull(rows, 2), TextOrNull(rows, 3), TextOrNull(rows, 4), rows.GetString(5)));

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var found = identities.GroupBy(identity => identity.Iin)
            .Where(child => NameSpelling.Matches(typed, child.SelectMany(i => new[] { i.LastName, i.FirstName, i.Patronymic })))
            .Select(child => child.First())
            .Select(latest => new ChildSummary(latest.Iin, birthDate, latest.Sex, Iin.AgeOn(birthDate, today), latest.LastName, latest.FirstName, latest.Region))
            .Take(MaximumNameMatches)
            .ToList();
        await audit.AppendAsync(found.Select(c => new AuditEntry(viewer.Actor, AuditAction.Search, c.Iin, ["identity"], read.Purpose,
            AuditOutcome.Allowed, read.ClientAddress)).ToList(), cancellationToken);
        return found;
    }

    private static string? TextOrNull(NpgsqlDataReader rows, int ordinal) => rows.IsDBNull(ordinal) ? null : rows.GetString(ordinal);

    /// <summary>Changes of profiles within the viewer's territory after <paramref name="afterPosition"/>, oldest first.</summary>
    public async Task<IReadOnlyList<ProfileChange>> ChangesAsync(long afterPosition, ProfileViewer viewer, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT p.position, p.iin, p.changed_at FROM gateway.profile_changes p
            WHERE p.position > $1
              AND ($2 = '' OR EXISTS (SELECT 1 FROM gateway.reported_identity r WHERE r.iin = p.iin AND r.region LIKE $2 || '%'))
            ORDER BY p.position LIMIT $3
            """);
        command.Parameters.Add(new() { Value = afterPosition });
        command.Parameters.Add(new() { Value = viewer.Territory?.UnitPrefix ?? "" });
        command.Parameters.Add(new() { Value = limit });
        var changes = new List<ProfileChange>();
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
            changes.Add(new ProfileChange(rows.GetInt64(0), rows.GetString(1), rows.GetFieldValue<DateTimeOffset>(2)));
        return changes;
    }
}
