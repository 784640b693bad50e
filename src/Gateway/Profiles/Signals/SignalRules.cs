using Platform.Contracts.IntegrationEvents;

namespace Platform.Gateway.Profiles.Signals;

/// <summary>The signals DOMAIN.md asks the integrated profile to answer, each a small pure function of the facts.</summary>
public static class SignalRules
{
    public const int ScreeningFollowUpDays = 30;

    private static readonly HashSet<string> ViolenceIncidents = ["PhysicalViolence", "PsychologicalViolence", "SexualViolence"];
    private static readonly HashSet<string> SelfHarmIncidents = ["SelfHarm", "SuicideAttempt"];

    public static readonly SignalRule DisabledNotEnrolled = new(
        "disabled-school-age-not-enrolled",
        "Ребёнок с инвалидностью школьного возраста не зачислен в организацию образования",
        "Roadmap No. 34 (equal access to education)",
        facts => facts.Age is >= 7 and <= 17 && !facts.All<EnrolmentRecorded>().Any(e => IsActive(e.Event.StartDate, e.Event.EndDate, facts.Today))
            ? ActiveDisability(facts)
            : [])
    {
        // The child turns seven or eighteen; an enrolment or a disability status begins or ends.
        NextChange = facts => facts.FirstAfterToday([
            facts.Iin.BirthDate.AddYears(7), facts.Iin.BirthDate.AddYears(18),
            .. facts.All<EnrolmentRecorded>().SelectMany(e => Boundaries(e.Event.StartDate, e.Event.EndDate)),
            .. DisabilityBoundaries(facts)]),
    };

    public static readonly SignalRule ScreeningWithoutFollowUp = new(
        "mchat-high-risk-no-follow-up",
        $"Высокий риск по M-CHAT-R без повторного приёма более {ScreeningFollowUpDays} дней",
        "Health Care Development Concept 2026 (early autism screening)",
        facts => facts.All<ScreeningRecorded>()
            .Where(s => s.Event.ScreeningType == "MchatR" && s.Event.Risk == "High" && s.Event.FollowUpOn is null
                        && ScreenedOn(s.Event).AddDays(ScreeningFollowUpDays) < facts.Today)
            .Select(s => s.Record).ToList())
    {
        // The day after the thirtieth without a follow-up.
        NextChange = facts => facts.FirstAfterToday(facts.All<ScreeningRecorded>()
            .Where(s => s.Event.ScreeningType == "MchatR" && s.Event.Risk == "High" && s.Event.FollowUpOn is null)
            .Select(s => (DateOnly?)ScreenedOn(s.Event).AddDays(ScreeningFollowUpDays + 1))),
    };

    public static readonly SignalRule ViolenceSuspected = new(
        "violence-suspected",
        "Травма с подозрением на насилие или случай насилия в школе",
        "Roadmap No. 26, 27, 39 (violence against children)",
        facts => facts.All<InjuryRecorded>().Where(i => i.Event.SuspectedAbuse).Select(i => i.Record)
            .Concat(facts.All<SchoolIncidentReported>().Where(i => ViolenceIncidents.Contains(i.Event.IncidentType)).Select(i => i.Record))
            .ToList());

    public static readonly SignalRule RepeatedViolenceOrDifficultFamily = new(
        "violence-repeated-or-family-at-risk",
        "Повторные признаки насилия, или насилие при трудной жизненной ситуации семьи",
        "Roadmap No. 26, 27",
        facts =>
        {
            var violence = ViolenceSuspected.Evidence(facts);
            var difficult = facts.All<FamilySituationRecorded>().Where(f => f.Event.DifficultLifeSituation).Select(f => f.Record).ToList();
            return violence.Count >= 2 || (violence.Count == 1 && difficult.Count > 0) ? [.. violence, .. difficult] : [];
        });

    public static readonly SignalRule SuicideOrSelfHarm = new(
        "suicide-attempt-or-self-harm",
        "Попытка суицида или самоповреждение",
        "Roadmap No. 44 (self-destructive behaviour)",
        facts => facts.All<SuicideAttemptRecorded>().Select(s => s.Record)
            .Concat(facts.All<SchoolIncidentReported>().Where(i => SelfHarmIncidents.Contains(i.Event.IncidentType)).Select(i => i.Record))
            .ToList());

    public static readonly SignalRule DuplicatedRehabilitation = new(
        "rehabilitation-duplicated",
        "Курсы реабилитации одновременно в двух системах",
        "Charity conference appeal (duplicated rehabilitation, the child's route)",
        facts =>
        {
            var duplicated = ChildRoute.RehabilitationOverlaps(ChildRoute.ServicesOf(facts.Records.Select(r => r.Event)))
                .SelectMany(overlap => new[] { overlap.HealthRecordKey, overlap.SocialRecordKey }).ToHashSet();
            return facts.Records.Where(r => duplicated.Contains(r.Key)).ToList();
        });

    public static readonly SignalRule DisabledWithoutSupport = new(
        "disabled-without-support",
        "Ребёнок с инвалидностью без пособия и без социальных услуг",
        "Roadmap 002, measure 5.1 (families not covered by state support)",
        facts => facts.All<BenefitRecorded>().Any(b => IsActive(b.Event.StartDate, b.Event.EndDate, facts.Today))
                 || facts.All<SocialServiceRecorded>().Any(s => IsActive(s.Event.StartDate, s.Event.EndDate, facts.Today))
            ? []
            : ActiveDisability(facts))
    {
        // A benefit, a social service or a disability status begins or ends.
        NextChange = facts => facts.FirstAfterToday([
            .. facts.All<BenefitRecorded>().SelectMany(b => Boundaries(b.Event.StartDate, b.Event.EndDate)),
            .. facts.All<SocialServiceRecorded>().SelectMany(s => Boundaries(s.Event.StartDate, s.Event.EndDate)),
            .. DisabilityBoundaries(facts)]),
    };

    public static IReadOnlyList<SignalRule> All { get; } =
        [DisabledNotEnrolled, ScreeningWithoutFollowUp, ViolenceSuspected, RepeatedViolenceOrDifficultFamily, SuicideOrSelfHarm,
         DuplicatedRehabilitation, DisabledWithoutSupport];

    private static List<ProfileRecord> ActiveDisability(ProfileFacts facts) =>
        facts.All<DisabilityStatusRecorded>().Where(d => IsActive(d.Event.ValidFrom, d.Event.ValidUntil, facts.Today)).Select(d => d.Record).ToList();

    private static bool IsActive(DateOnly start, DateOnly? end, DateOnly today) => start <= today && (end is null || end >= today);

    /// <summary>The days on which <see cref="IsActive"/> of a period turns: its first day, and the day after its last.</summary>
    private static IEnumerable<DateOnly?> Boundaries(DateOnly start, DateOnly? end) => [start, end?.AddDays(1)];

    private static IEnumerable<DateOnly?> DisabilityBoundaries(ProfileFacts facts) =>
        facts.All<DisabilityStatusRecorded>().SelectMany(d => Boundaries(d.Event.ValidFrom, d.Event.ValidUntil));

    private static DateOnly ScreenedOn(ScreeningRecorded screening) => DateOnly.FromDateTime(screening.OccurredAt.UtcDateTime);
}
