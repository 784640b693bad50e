using Google.Protobuf.WellKnownTypes;
using Platform.Contracts.Education.V1;
using Platform.Contracts.Health.V1;
using Platform.Contracts.Records.V1;
using Platform.Contracts.Social.V1;

namespace Platform.AgencyServices.Tests;

/// <summary>Valid records of each kind, for tests to spoil one field at a time.</summary>
internal static class SampleRecords
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public static RecordHeader Header(string id = "rec-1", int version = 1) => new()
    {
        SourceRecordId = id,
        Version = version,
        Iin = "150315501231",
        Kato = "751110000",
        OrganizationId = "org-1",
        OccurredAt = Timestamp.FromDateTimeOffset(Now.AddDays(-2)),
    };

    public static EducationRecord Enrolment(string id = "rec-1", int version = 1, int grade = 5) => new()
    {
        Header = Header(id, version),
        Enrolment = new Enrolment
        {
            OrganizationType = OrganizationType.School, Form = EducationForm.Inclusive, Grade = grade, StartDate = "2026-09-01",
        },
    };

    public static HealthRecord Injury(bool suspectedAbuse = true) => new()
    {
        Header = Header(),
        Injury = new Injury { Icd10 = "T74.1", SuspectedAbuse = suspectedAbuse },
    };

    public static SocialRecord DisabilityStatus() => new()
    {
        Header = Header(),
        DisabilityStatus = new DisabilityStatus { Cause = "congenital", ValidFrom = "2024-01-10", ValidUntil = "2030-01-10", Icd10 = "G80.1" },
    };
}
