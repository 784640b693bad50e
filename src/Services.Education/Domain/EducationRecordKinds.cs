using Google.Protobuf;
using Platform.Contracts.Education.V1;
using Platform.Contracts.IntegrationEvents;
using Platform.Contracts.Records;
using Platform.Contracts.Records.V1;
using Platform.AgencyServices.Records;
using static Platform.AgencyServices.Records.AgencyRecordEvents;

namespace Platform.Services.Education.Domain;

/// <summary>The education system's record kinds and the event each publishes.</summary>
public sealed class EducationRecordKinds : IAgencyRecordKinds<EducationRecord>
{
    public string SourceAgency => SourceAgencies.Education;
    public MessageParser<EducationRecord> Parser => EducationRecord.Parser;
    public RecordHeader? HeaderOf(EducationRecord record) => record.Header;

    public string? KindOf(EducationRecord record) => record.BodyCase switch
    {
        EducationRecord.BodyOneofCase.Enrolment => "enrolment",
        EducationRecord.BodyOneofCase.SpecialNeedsAssessment => "special-needs-assessment",
        EducationRecord.BodyOneofCase.SchoolIncident => "school-incident",
        _ => null,
    };

    public void ValidateBody(EducationRecord record, DateTimeOffset now, Violations violations) =>
        EducationRecordRules.ValidateBody(record, now, violations);

    public AgencyRecordEvent ToEvent(EducationRecord record, ValidHeader header, RecordedChange change)
    {
        AgencyRecordEvent body = record.BodyCase switch
        {
            EducationRecord.BodyOneofCase.Enrolment => new EnrolmentRecorded
            {
                OrganizationType = record.Enrolment.OrganizationType.ToString(),
                Form = record.Enrolment.Form.ToString(),
                Grade = record.Enrolment.Grade,
                StartDate = Date(record.Enrolment.StartDate),
                EndDate = OptionalDate(record.Enrolment.EndDate),
            },
            EducationRecord.BodyOneofCase.SpecialNeedsAssessment => new SpecialNeedsAssessed
            {
                AssessedOn = Date(record.SpecialNeedsAssessment.AssessedOn),
                Needs = record.SpecialNeedsAssessment.Needs.ToList(),
                RecommendedForm = record.SpecialNeedsAssessment.RecommendedForm.ToString(),
            },
            EducationRecord.BodyOneofCase.SchoolIncident => new SchoolIncidentReported
            {
                IncidentType = record.SchoolIncident.Type.ToString(),
                ReportedToPolice = record.SchoolIncident.ReportedToPolice,
            },
            _ => throw new InvalidOperationException("A validated record has a body."),
        };
        return Stamp(body, SourceAgency, record.Header, header, change);
    }
}
