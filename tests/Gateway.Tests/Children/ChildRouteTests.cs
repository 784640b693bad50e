using Platform.Contracts.IntegrationEvents;
using Platform.Gateway.Profiles;

namespace Platform.Gateway.Tests.Children;

public sealed class ChildRouteTests
{
    private static readonly DateOnly Today = new(2025, 12, 1);

    private static T Stamped<T>(T record, string agency, string id) where T : AgencyRecordEvent =>
        record with { SourceAgency = agency, RecordId = id, Iin = "150315501231", Version = 1 };

    private static RehabilitationCourseRecorded Rehabilitation(string id, DateOnly from, DateOnly? to) => Stamped(new RehabilitationCourseRecorded
    {
        System = "health", CourseType = "MedicalRehabilitation", StartDate = from, EndDate = to,
    }, SourceAgencies.Health, id);

    private static SocialServiceRecorded Service(string id, string type, DateOnly from, DateOnly? to) => Stamped(new SocialServiceRecorded
    {
        ServiceType = type, StartDate = from, EndDate = to,
    }, SourceAgencies.Social, id);

    [Fact]
    public void Rehabilitation_in_health_and_social_protection_at_once_is_an_overlap_for_the_days_they_share()
    {
        var route = ChildRoute.Of([
            Rehabilitation("rehab-1", new(2025, 1, 10), new(2025, 6, 30)),
            Service("srv-1", "SocialRehabilitation", new(2025, 3, 1), new(2025, 8, 31)),
            Service("srv-2", "HomeCare", new(2025, 2, 1), new(2025, 4, 1)),
        ], Today);

        var overlap = Assert.Single(route.Overlaps);
        Assert.Equal(("health/rehab-1", "social/srv-1"), (overlap.HealthRecordKey, overlap.SocialRecordKey));
        Assert.Equal(new RoutePeriod(new(2025, 3, 1), new(2025, 6, 30)), overlap.Period);
        Assert.Equal(["health/rehab-1", "social/srv-2", "social/srv-1"], route.Services.Select(s => s.RecordKey));
    }

    [Fact]
    public void An_ongoing_course_overlaps_until_the_other_ends()
    {
        var route = ChildRoute.Of([
            Rehabilitation("rehab-1", new(2025, 9, 1), null),
            Service("srv-1", "SpecialSocialServices", new(2025, 10, 1), null),
        ], Today);

        Assert.Equal(new RoutePeriod(new(2025, 10, 1), null), Assert.Single(route.Overlaps).Period);
        Assert.Empty(route.Gaps);
    }

    [Fact]
    public void Care_stopping_for_a_month_or_more_is_a_gap_and_schooling_or_a_benefit_does_not_fill_it()
    {
        var route = ChildRoute.Of([
            Rehabilitation("rehab-1", new(2025, 1, 1), new(2025, 3, 31)),
            Rehabilitation("rehab-2", new(2025, 4, 10), new(2025, 4, 30)),
            Service("srv-1", "HomeCare", new(2025, 6, 1), new(2025, 7, 31)),
            Stamped(new EnrolmentRecorded { OrganizationType = "School", Form = "Inclusive", Grade = 3, StartDate = new(2024, 9, 1) },
                SourceAgencies.Education, "enr-1"),
            Stamped(new BenefitRecorded { BenefitType = "ChildDisability", MonthlyAmountTenge = 50_000, StartDate = new(2024, 1, 1) },
                SourceAgencies.Social, "ben-1"),
        ], Today);

        Assert.Equal([new RoutePeriod(new(2025, 5, 1), new(2025, 5, 31)), new RoutePeriod(new(2025, 8, 1), Today)], route.Gaps);
        Assert.Empty(route.Overlaps);
    }

    [Fact]
    public void Records_that_are_not_services_are_not_on_the_route()
    {
        var route = ChildRoute.Of([Stamped(new InjuryRecorded { Icd10 = "T74.1", SuspectedAbuse = true }, SourceAgencies.Health, "med-1")], Today);

        Assert.Empty(route.Services);
        Assert.Empty(route.Gaps);
    }
}
