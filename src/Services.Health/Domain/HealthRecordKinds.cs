using Google.Protobuf;
using Platform.Contracts.Health.V1;
using Platform.Contracts.IntegrationEvents;
using Platform.Contracts.Records;
using Platform.Contracts.Records.V1;
using Platform.AgencyServices.Records;
using static Platform.AgencyServices.Records.AgencyRecordEvents;

namespace Platform.Services.Health.Domain;

/// <summary>The health system's record kinds and the event each publishes.</summary>
public sealed class HealthRecordKinds : IAgencyRecordKinds<HealthRecord>
{
    public string SourceAgency => SourceAgencies.Health;
    public MessageParser<HealthRecord> Parser => HealthRecord.Parser;
    public RecordHeader? HeaderOf(HealthRecord record) => record.Header;

    public string? KindOf(HealthRecord record) => record.BodyCase switch
    {
        HealthRecord.BodyOneofCase.Screening => "screening",
        HealthRecord.BodyOneofCase.Diagnosis => "diagnosis",
        HealthRecord.BodyOneofCase.RehabilitationCourse => "rehabilitation-course",
        HealthRecord.BodyOneofCase.Injury => "injury",
        HealthRecord.BodyOneofCase.SuicideAttempt => "suicide-attempt",
        _ => null,
    };

    public void ValidateBody(HealthRecord record, DateTimeOffset now, Violations violations) =>
        HealthRecordRules.ValidateBody(record, now, violations);

    public AgencyRecordEvent ToEvent(HealthRecord record, ValidHeader header, RecordedChange change)
    {
        AgencyRecordEvent body = record.BodyCase switch
        {
            HealthRecord.BodyOneofCase.Screening => new ScreeningRecorded
            {
                ScreeningType = record.Screening.Type.ToString(),
                Risk = record.Screening.Risk.ToString(),
                Score = record.Screening.Score,
                FollowUpOn = OptionalDate(record.Screening.FollowUpOn),
            },
            HealthRecord.BodyOneofCase.Diagnosis => new DiagnosisRecorded
            {
                Icd10 = record.Diagnosis.Icd10,
                DispensaryRegistration = record.Diagnosis.DispensaryRegistration,
            },
            HealthRecord.BodyOneofCase.RehabilitationCourse => new RehabilitationCourseRecorded
            {
                System = SourceAgency,
                CourseType = record.RehabilitationCourse.Type.ToString(),
                StartDate = Date(record.RehabilitationCourse.StartDate),
                EndDate = OptionalDate(record.RehabilitationCourse.EndDate),
                Provider = record.RehabilitationCourse.Provider,
            },
            HealthRecord.BodyOneofCase.Injury => new InjuryRecorded
            {
                Icd10 = record.Injury.Icd10,
                SuspectedAbuse = record.Injury.SuspectedAbuse,
            },
            HealthRecord.BodyOneofCase.SuicideAttempt => new SuicideAttemptRecorded
            {
                Icd10 = record.SuicideAttempt.Icd10,
                Hospitalised = record.SuicideAttempt.Hospitalised,
            },
            _ => throw new InvalidOperationException("A validated record has a body."),
        };
        return Stamp(body, SourceAgency, record.Header, header, change);
    }
}
