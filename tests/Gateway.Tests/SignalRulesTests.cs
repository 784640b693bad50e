using Platform.Contracts.Identity;
using Platform.Contracts.IntegrationEvents;
using Platform.Gateway.Profiles;
using Platform.Gateway.Profiles.Signals;

namespace Platform.Gateway.Tests;

/// <summary>Every signal rule raises on its evidence and clears without it; no server needed.</summary>
public sealed class SignalRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly Iin TenYearOld = Iin.Parse("150315501231");
    private static readonly Iin Toddler = Iin.Parse(ToddlerIin());
    private static int _records;

    private static string ToddlerIin()
    {
        var digits = "2401016" + "0001";
        return digits + Iin.ComputeCheckDigit(digits.Select(c => c - '0').ToArray());
    }

    private static T Stamp<T>(T recordEvent, string agency, int daysAgo = 10) where T : AgencyRecordEvent => recordEvent with
    {
        EventId = Guid.NewGuid(), Iin = TenYearOld.Value, SourceAgency = agency, RecordId = $"r{Interlocked.Increment(ref _records)}", Version = 1,
        Region = "751110000", OrganizationId = "org", OccurredAt = new DateTimeOffset(Today.AddDays(-daysAgo).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        RecordedAt = DateTimeOffset.UtcNow,
    };

    private static ProfileFacts Facts(Iin iin, params AgencyRecordEvent[] events) =>
        new(iin, events.Select(e => new ProfileRecord(e with { Iin = iin.Value })).ToList(), Today);

    private static DisabilityStatusRecorded Disability(DateOnly? until = null) => Stamp(new DisabilityStatusRecorded
    {
        Cause = "congenital", ValidFrom = Today.AddYears(-1), ValidUntil = until, HasRehabilitationProgramme = true,
    }, SourceAgencies.Social);

    private static EnrolmentRecorded Enrolment(DateOnly? end = null) => Stamp(new EnrolmentRecorded
    {
        OrganizationType = "School", Form = "Inclusive", Grade = 4, StartDate = new DateOnly(2026, 9, 1), EndDate = end,
    }, SourceAgencies.Education);

    private static BenefitRecorded Allowance() => Stamp(new BenefitRecorded
    {
        BenefitType = "DisabledChildAllowance", MonthlyAmountTenge = 70_000, StartDate = Today.AddYears(-1),
    }, SourceAgencies.Social);

    private static bool Raised(SignalRule rule, ProfileFacts facts) => rule.Evidence(facts).Count > 0;

    [Fact]
    public void A_disabled_child_of_school_age_without_an_active_enrolment_is_signalled()
    {
        var disability = Disability();
        Assert.True(Raised(SignalRules.DisabledNotEnrolled, Facts(TenYearOld, disability)));
        Assert.True(Raised(SignalRules.DisabledNotEnrolled, Facts(TenYearOld, disability, Enrolment(end: Today.AddDays(-30)))));
        Assert.False(Raised(SignalRules.DisabledNotEnrolled, Facts(TenYearOld, disability, Enrolment())));
        Assert.False(Raised(SignalRules.DisabledNotEnrolled, Facts(TenYearOld, Disability(until: Today.AddDays(-1)))));
        Assert.False(Raised(SignalRules.DisabledNotEnrolled, Facts(Toddler, disability)));
    }

    [Fact]
    public void A_high_risk_mchat_screening_without_follow_up_after_30_days_is_signalled()
    {
        ScreeningRecorded Screening(int daysAgo, DateOnly? followUp) => Stamp(new ScreeningRecorded
        {
            ScreeningType = "MchatR", Risk = "High", Score = 12, FollowUpOn = followUp,
        }, SourceAgencies.Health, daysAgo);

        Assert.True(Raised(SignalRules.ScreeningWithoutFollowUp, Facts(Toddler, Screening(45, null))));
        Assert.False(Raised(SignalRules.ScreeningWithoutFollowUp, Facts(Toddler, Screening(10, null))));
        Assert.False(Raised(SignalRules.ScreeningWithoutFollowUp, Facts(Toddler, Screening(45, Today.AddDays(-5)))));
    }

    [Fact]
    public void Suspected_abuse_and_school_violence_are_signalled_and_repeated_violence_escalates()
    {
        var injury = Stamp(new InjuryRecorded { Icd10 = "T74.1", SuspectedAbuse = true }, SourceAgencies.Health);
        var plainInjury = Stamp(new InjuryRecorded { Icd10 = "S52.5", SuspectedAbuse = false }, SourceAgencies.Health);
        var bullying = Stamp(new SchoolIncidentReported { IncidentType = "Bullying", ReportedToPolice = false }, SourceAgencies.Education);
        var beating = Stamp(new SchoolIncidentReported { IncidentType = "PhysicalViolence", ReportedToPolice = true }, SourceAgencies.Education);
        var difficultFamily = Stamp(new FamilySituationRecorded
        {
            DifficultLifeSituation = true, Reasons = ["LowIncome"], AssessedOn = Today.AddDays(-40),
        }, SourceAgencies.Social);

        Assert.True(Raised(SignalRules.ViolenceSuspected, Facts(TenYearOld, injury)));
        Assert.False(Raised(SignalRules.ViolenceSuspected, Facts(TenYearOld, plainInjury, bullying)));
        Assert.False(Raised(SignalRules.RepeatedViolenceOrDifficultFamily, Facts(TenYearOld, injury)));
        Assert.Equal(2, SignalRules.RepeatedViolenceOrDifficultFamily.Evidence(Facts(TenYearOld, injury, beating)).Count);
        Assert.Equal(2, SignalRules.RepeatedViolenceOrDifficultFamily.Evidence(Facts(TenYearOld, injury, difficultFamily)).Count);
    }

    [Fact]
    public void A_suicide_attempt_or_self_harm_incident_is_signalled()
    {
        var attempt = Stamp(new SuicideAttemptRecorded { Icd10 = "X60", Hospitalised = true }, SourceAgencies.Health);
        var selfHarm = Stamp(new SchoolIncidentReported { IncidentType = "SelfHarm", ReportedToPolice = false }, SourceAgencies.Education);

        Assert.True(Raised(SignalRules.SuicideOrSelfHarm, Facts(TenYearOld, attempt)));
        Assert.True(Raised(SignalRules.SuicideOrSelfHarm, Facts(TenYearOld, selfHarm)));
        Assert.False(Raised(SignalRules.SuicideOrSelfHarm, Facts(TenYearOld, Enrolment())));
    }

    [Fact]
    public void Overlapping_rehabilitation_in_health_and_social_protection_is_signalled()
    {
        var course = Stamp(new RehabilitationCourseRecorded
        {
            System = "health", CourseType = "MedicalRehabilitation", StartDate = Today.AddDays(-20), EndDate = Today.AddDays(10),
        }, SourceAgencies.Health);
        SocialServiceRecorded Service(int startDaysAgo, int endDaysAgo) => Stamp(new SocialServiceRecorded
        {
            ServiceType = "SocialRehabilitation", StartDate = Today.AddDays(-startDaysAgo), EndDate = Today.AddDays(-endDaysAgo),
        }, SourceAgencies.Social);

        Assert.Equal(2, SignalRules.DuplicatedRehabilitation.Evidence(Facts(TenYearOld, course, Service(30, 5))).Count);
        Assert.False(Raised(SignalRules.DuplicatedRehabilitation, Facts(TenYearOld, course, Service(90, 40))));
    }

    [Fact]
    public void A_disabled_child_without_benefit_or_service_is_signalled_until_support_is_recorded()
    {
        Assert.True(Raised(SignalRules.DisabledWithoutSupport, Facts(TenYearOld, Disability())));
        Assert.False(Raised(SignalRules.DisabledWithoutSupport, Facts(TenYearOld, Disability(), Allowance())));
    }

    [Fact]
    public void Evaluation_lists_each_raised_signal_with_its_evidence_keys()
    {
        var disability = Disability();
        var signals = SignalEvaluation.Evaluate(Facts(TenYearOld, disability), SignalRules.All);

        Assert.Equal(["disabled-school-age-not-enrolled", "disabled-without-support"], signals.Select(s => s.Code).Order());
        Assert.All(signals, s => Assert.Equal([$"social/{disability.RecordId}"], s.EvidenceKeys));
    }

    [Fact]
    public void Each_rule_says_when_its_answer_next_changes_with_no_new_record()
    {
        ScreeningRecorded HighRisk(int daysAgo) => Stamp(new ScreeningRecorded { ScreeningType = "MchatR", Risk = "High", Score = 12 }, SourceAgencies.Health, daysAgo);

        // The day after the thirtieth without a follow-up; none once it has passed.
        Assert.Equal(Today.AddDays(21), SignalRules.ScreeningWithoutFollowUp.NextChange(Facts(Toddler, HighRisk(10))));
        Assert.Null(SignalRules.ScreeningWithoutFollowUp.NextChange(Facts(Toddler, HighRisk(45))));
        // A toddler with a disability is signalled from the day it turns seven; an ending disability status clears it.
        Assert.Equal(Toddler.BirthDate.AddYears(7), SignalRules.DisabledNotEnrolled.NextChange(Facts(Toddler, Disability())));
        Assert.Equal(Today.AddDays(41), SignalRules.DisabledNotEnrolled.NextChange(Facts(TenYearOld, Disability(until: Today.AddDays(40)))));
        Assert.Equal(Today.AddDays(41), SignalRules.DisabledWithoutSupport.NextChange(Facts(TenYearOld, Disability(until: Today.AddDays(40)), Allowance())));
        // Violence is signalled on records alone.
        Assert.Null(SignalRules.ViolenceSuspected.NextChange(Facts(TenYearOld, Stamp(new InjuryRecorded { Icd10 = "T74.1", SuspectedAbuse = true }, SourceAgencies.Health))));
        Assert.Equal(Today.AddDays(21), SignalEvaluation.NextChange(Facts(Toddler, HighRisk(10), Disability()), SignalRules.All));
    }
}
