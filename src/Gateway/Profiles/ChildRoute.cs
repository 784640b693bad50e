using Platform.Contracts.IntegrationEvents;

namespace Platform.Gateway.Profiles;

/// <summary>From a day to a day, both included; <see cref="To"/> null: still running.</summary>
public sealed record RoutePeriod(DateOnly From, DateOnly? To)
{
    public bool Overlaps(RoutePeriod other) => From <= (other.To ?? DateOnly.MaxValue) && other.From <= (To ?? DateOnly.MaxValue);
}

/// <summary>One service of the child's route: schooling, a rehabilitation course, a social service or a benefit.</summary>
public sealed record RouteService(string RecordKey, string Agency, string Kind, string Service, RoutePeriod Period, string? Provider)
{
    /// <summary>Rehabilitation and social services are care; schooling and benefits run beside them and close no gap.</summary>
    public bool IsCare => Kind is nameof(RehabilitationCourseRecorded) or nameof(SocialServiceRecorded);

    public bool IsRehabilitation => Kind == nameof(RehabilitationCourseRecorded)
                                    || (Kind == nameof(SocialServiceRecorded) && Service is "SocialRehabilitation" or "SpecialSocialServices");
}

/// <summary>A health rehabilitation course and a social one running at once (the charity appeal's duplicated rehabilitation).</summary>
public sealed record RouteOverlap(string HealthRecordKey, string SocialRecordKey, RoutePeriod Period);

/// <summary>
/// The child's route: the services of the three systems over time, where two systems rehabilitate the child at
/// once, and where care stopped for at least <see cref="MinimumGapDays"/> days (between services, or since the last).
/// </summary>
public sealed record ChildRoute(IReadOnlyList<RouteService> Services, IReadOnlyList<RouteOverlap> Overlaps, IReadOnlyList<RoutePeriod> Gaps)
{
    public const int MinimumGapDays = 30;

    public static ChildRoute Of(IEnumerable<AgencyRecordEvent> records, DateOnly today)
    {
        var services = ServicesOf(records).OrderBy(s => s.Period.From).ThenBy(s => s.RecordKey, StringComparer.Ordinal).ToList();
        return new ChildRoute(services, RehabilitationOverlaps(services), CareGaps(services, today));
    }

    public static IReadOnlyList<RouteService> ServicesOf(IEnumerable<AgencyRecordEvent> records) => records.Select(ServiceOf).OfType<RouteService>().ToList();

    private static RouteService? ServiceOf(AgencyRecordEvent record)
    {
        var key = ProfileRecord.KeyOf(record);
        var kind = record.GetType().Name;
        return record switch
        {
            EnrolmentRecorded e => new RouteService(key, e.SourceAgency, kind, e.Form, new(e.StartDate, e.EndDate), e.OrganizationType),
            RehabilitationCourseRecorded r => new RouteService(key, r.SourceAgency, kind, r.CourseType, new(r.StartDate, r.EndDate), r.Provider),
            SocialServiceRecorded s => new RouteService(key, s.SourceAgency, kind, s.ServiceType, new(s.StartDate, s.EndDate), s.Provider),
            BenefitRecorded b => new RouteService(key, b.SourceAgency, kind, b.BenefitType, new(b.StartDate, b.EndDate), null),
            _ => null,
        };
    }

    public static IReadOnlyList<RouteOverlap> RehabilitationOverlaps(IReadOnlyList<RouteService> services)
    {
        var rehabilitation = services.Where(s => s.IsRehabilitation).ToList();
        return rehabilitation.Where(s => s.Kind == nameof(RehabilitationCourseRecorded))
            .SelectMany(health => rehabilitation
                .Where(social => social.Kind == nameof(SocialServiceRecorded) && health.Period.Overlaps(social.Period))
                .Select(social => new RouteOverlap(health.RecordKey, social.RecordKey, Intersection(health.Period, social.Period))))
            .ToList();
    }

    private static RoutePeriod Intersection(RoutePeriod a, RoutePeriod b) =>
        new(a.From > b.From ? a.From : b.From, (a.To, b.To) switch
        {
            (null, var to) => to,
            (var to, null) => to,
            var (x, y) => x < y ? x : y,
        });

    private static IReadOnlyList<RoutePeriod> CareGaps(IReadOnlyList<RouteService> services, DateOnly today)
    {
        var gaps = new List<RoutePeriod>();
        DateOnly? coveredUntil = null;
        foreach (var care in services.Where(s => s.IsCare && s.Period.From <= today))
        {
            var end = care.Period.To is { } to && to < today ? to : today;
            if (coveredUntil is { } covered && care.Period.From.DayNumber - covered.DayNumber - 1 >= MinimumGapDays)
                gaps.Add(new RoutePeriod(covered.AddDays(1), care.Period.From.AddDays(-1)));
            if (coveredUntil is null || end > coveredUntil) coveredUntil = end;
        }
        if (coveredUntil is { } last && today.DayNumber - last.DayNumber >= MinimumGapDays)
            gaps.Add(new RoutePeriod(last.AddDays(1), today));
        return gaps;
    }
}
