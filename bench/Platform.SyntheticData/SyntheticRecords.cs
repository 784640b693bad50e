using Google.Protobuf.WellKnownTypes;
using Platform.Contracts.Education.V1;
using Platform.Contracts.Health.V1;
using Platform.Contracts.Records.V1;
using Platform.Contracts.Social.V1;
using Platform.Contracts.Territory;

namespace Platform.SyntheticData;

/// <summary>One child's records at the three agencies.</summary>
public sealed record ChildRecords(
    SyntheticChild Child, IReadOnlyList<EducationRecord> Education, IReadOnlyList<HealthRecord> Health, IReadOnlyList<SocialRecord> Social);

/// <summary>
/// Records at plausible rates: about 1.6% of children with a disability status (most with a benefit), school
/// enrolment for almost every child of school age, M-CHAT-R screening of toddlers with a few high risks, rare
/// injuries with suspected abuse, incidents and suicide attempts. Deterministic for a seed.
/// </summary>
public static class SyntheticRecords
{
    public const double DisabilityRate = 0.016;

    /// <param name="focusDistrict">A district that gets a twentieth of the families (<see cref="ChildPopulation.FocusEveryNthFamily"/>).</param>
    public static IEnumerable<ChildRecords> Generate(int children, int seed, DateOnly today, Kato? focusDistrict = null)
    {
        var random = new Random(seed ^ 0x5EED);
        var difficultFamilies = new Dictionary<int, bool>();
        foreach (var child in ChildPopulation.Generate(children, seed, today, focusDistrict))
        {
            var difficult = difficultFamilies.TryGetValue(child.FamilyId, out var known)
                ? known
                : difficultFamilies[child.FamilyId] = random.NextDouble() < 0.04;
            yield return For(child, today, random, difficult);
        }
    }

    private static ChildRecords For(SyntheticChild child, DateOnly today, Random random, bool difficultFamily)
    {
        var age = child.AgeOn(today);
        var education = new List<EducationRecord>();
        var health = new List<HealthRecord>();
        var social = new List<SocialRecord>();
        var disabled = random.NextDouble() < DisabilityRate;
        int sequence = 0;
        RecordHeader Header(string agency, DateOnly occurred) => new()
        {
            SourceRecordId = $"{agency}-{child.Iin}-{++sequence}",
            Version = 1,
            Iin = child.Iin.Value,
            Kato = child.Kato.Value,
            OrganizationId = $"{agency}-{child.Kato.Value[..4]}-{random.Next(1, 60):00}",
            OccurredAt = Timestamp.FromDateTime(Later(occurred, child.Iin.BirthDate).ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc)),
            LastName = child.LastName,
            FirstName = child.FirstName,
            Patronymic = child.Patronymic,
        };
        DateOnly Recent(int maximumDaysAgo) => today.AddDays(-random.Next(1, maximumDaysAgo));

        // Education: preschool from 1, school from 6 (a disabled child is sometimes not enrolled: signal No. 34).
        if (age is >= 1 and <= 5 && random.NextDouble() < 0.6)
            education.Add(Enrolment(Header("edu", StartOfSchoolYear(today)), OrganizationType.Preschool, 0, EducationForm.General, StartOfSchoolYear(today)));
        if (age is >= 6 and <= 17 && random.NextDouble() < (disabled ? 0.85 : 0.98))
        {
            var form = disabled ? (random.NextDouble() < 0.5 ? EducationForm.Inclusive : EducationForm.Home) : EducationForm.General;
            education.Add(Enrolment(Header("edu", StartOfSchoolYear(today)), OrganizationType.School, Math.Clamp(age - 5, 1, 12), form, StartOfSchoolYear(today)));
        }
        if (age >= 3 && (disabled || random.NextDouble() < 0.03))
        {
            var assessedOn = Recent(700);
            education.Add(new EducationRecord
            {
                Header = Header("edu", assessedOn),
                SpecialNeedsAssessment = new SpecialNeedsAssessment
                {
                    AssessedOn = Later(assessedOn, child.Iin.BirthDate).ToString("yyyy-MM-dd"),
                    Needs = { Pick(random, ["speech", "learning", "motor", "autism-spectrum", "hearing", "vision", "intellectual"]) },
                    RecommendedForm = EducationForm.Inclusive,
                },
            });
        }
        if (age >= 7 && random.NextDouble() < 0.01)
            education.Add(new EducationRecord
            {
                Header = Header("edu", Recent(300)),
                SchoolIncident = new SchoolIncident
                {
                    Type = Pick(random, [IncidentType.Bullying, IncidentType.PhysicalViolence, IncidentType.PsychologicalViolence, IncidentType.RunningAway, IncidentType.SelfHarm]),
                    Description = "Зарегистрировано школьным психологом",
                },
            });

        // Health: M-CHAT-R at 16–30 months; a few high-risk results, most followed up.
        var months = (today.Year - child.Iin.BirthDate.Year) * 12 + today.Month - child.Iin.BirthDate.Month;
        if (months is >= 18 and <= 48 && random.NextDouble() < 0.7)
        {
            var highRisk = random.NextDouble() < 0.03;
            var screened = Earlier(child.Iin.BirthDate.AddMonths(18 + random.Next(0, 6)), today.AddDays(-1));
            health.Add(new HealthRecord
            {
                Header = Header("med", screened),
                Screening = new Screening
                {
                    Type = ScreeningType.MchatR,
                    Risk = highRisk ? RiskLevel.High : RiskLevel.Low,
                    Score = highRisk ? random.Next(8, 21) : random.Next(0, 3),
                    FollowUpOn = highRisk && random.NextDouble() < 0.7 ? Earlier(screened.AddDays(30), today).ToString("yyyy-MM-dd") : "",
                },
            });
        }
        if (random.NextDouble() < 0.08)
            health.Add(new HealthRecord
            {
                Header = Header("med", Recent(1000)),
                Diagnosis = new Diagnosis { Icd10 = Pick(random, ["J45.0", "E10.9", "F84.0", "G40.9", "H90.3", "Q90.0", "F90.0"]), DispensaryRegistration = true },
            });
        if (random.NextDouble() < 0.02)
            health.Add(new HealthRecord
            {
                Header = Header("med", Recent(365)),
                Injury = new Injury { Icd10 = Pick(random, ["S52.5", "S06.0", "T74.1", "S42.0"]), SuspectedAbuse = random.NextDouble() < 0.08 },
            });
        if (age >= 11 && random.NextDouble() < 0.0008)
            health.Add(new HealthRecord { Header = Header("med", Recent(365)), SuicideAttempt = new SuicideAttempt { Icd10 = "X60", Hospitalised = true } });
        if (disabled && random.NextDouble() < 0.5)
        {
            var start = Recent(200);
            health.Add(new HealthRecord
            {
                Header = Header("med", start),
                RehabilitationCourse = new RehabilitationCourse
                {
                    Type = age < 4 ? CourseType.EarlyIntervention : CourseType.MedicalRehabilitation,
                    StartDate = Later(start, child.Iin.BirthDate).ToString("yyyy-MM-dd"),
                    Provider = "Реабилитационный центр",
                },
            });
        }

        // Social protection: disability status and, for most, the allowance; families in a difficult situation.
        if (disabled)
        {
            var from = Later(Recent(1500), child.Iin.BirthDate);
            social.Add(new SocialRecord
            {
                Header = Header("soc", from),
                DisabilityStatus = new DisabilityStatus
                {
                    Cause = Pick(random, ["congenital", "disease", "injury"]),
                    ValidFrom = from.ToString("yyyy-MM-dd"),
                    ValidUntil = from.AddYears(2).ToString("yyyy-MM-dd"),
                    HasRehabilitationProgramme = random.NextDouble() < 0.8,
                    Icd10 = Pick(random, ["G80.1", "Q90.0", "F84.0", "H90.3", "F70.0"]),
                },
            });
            if (random.NextDouble() < 0.88)
                social.Add(new SocialRecord
                {
                    Header = Header("soc", from),
                    Benefit = new Benefit { Type = BenefitType.DisabledChildAllowance, MonthlyAmountTenge = 64_000 + random.Next(0, 20_000), StartDate = from.ToString("yyyy-MM-dd") },
                });
            if (random.NextDouble() < 0.4)
                social.Add(new SocialRecord
                {
                    Header = Header("soc", from),
                    SocialService = new SocialService { Type = ServiceType.SpecialSocialServices, StartDate = from.ToString("yyyy-MM-dd"), Provider = "Центр оказания специальных социальных услуг" },
                });
        }
        if (difficultFamily)
        {
            var assessed = Recent(400);
            social.Add(new SocialRecord
            {
                Header = Header("soc", assessed),
                FamilySituation = new FamilySituation
                {
                    DifficultLifeSituation = true,
                    Reasons = { Pick(random, [DifficultySituationReason.LowIncome, DifficultySituationReason.LargeFamily, DifficultySituationReason.Guardianship, DifficultySituationReason.DomesticViolence]) },
                    AssessedOn = Later(assessed, child.Iin.BirthDate).ToString("yyyy-MM-dd"),
                },
            });
        }
        return new ChildRecords(child, education, health, social);
    }

    private static EducationRecord Enrolment(RecordHeader header, OrganizationType type, int grade, EducationForm form, DateOnly start) => new()
    {
        Header = header,
        Enrolment = new Enrolment { OrganizationType = type, Form = form, Grade = grade, StartDate = start.ToString("yyyy-MM-dd") },
    };

    private static DateOnly StartOfSchoolYear(DateOnly today) => new(today.Month >= 9 ? today.Year : today.Year - 1, 9, 1);

    private static DateOnly Earlier(DateOnly date, DateOnly limit) => date > limit ? limit : date;

    /// <summary>A date is never before the child's birth.</summary>
    private static DateOnly Later(DateOnly date, DateOnly birth) => date < birth ? birth : date;

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];
}
