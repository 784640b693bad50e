using Platform.Contracts.Education.V1;
using Platform.Contracts.Records;

namespace Platform.Services.Education.Domain;

/// <summary>What makes an education record acceptable, beyond its header.</summary>
public static class EducationRecordRules
{
    /// <summary>Adds the body's violations; the header is checked by <see cref="RecordHeaderRules"/>.</summary>
    public static void ValidateBody(EducationRecord record, DateTimeOffset now, Violations violations)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        switch (record.BodyCase)
        {
            case EducationRecord.BodyOneofCase.Enrolment:
                var enrolment = record.Enrolment;
                violations.Known("enrolment.organization_type", enrolment.OrganizationType);
                violations.Known("enrolment.form", enrolment.Form);
                var (lowest, highest) = enrolment.OrganizationType switch
                {
                    OrganizationType.Preschool => (0, 0),
                    OrganizationType.College => (1, 4),
                    _ => (1, 12),
                };
                violations.Range("enrolment.grade", enrolment.Grade, lowest, highest);
                var start = violations.Date("enrolment.start_date", enrolment.StartDate, today, required: true);
                var end = violations.Date("enrolment.end_date", enrolment.EndDate, today, required: false);
                violations.Ordered("enrolment.start_date", start, "enrolment.end_date", end);
                break;
            case EducationRecord.BodyOneofCase.SpecialNeedsAssessment:
                var assessment = record.SpecialNeedsAssessment;
                violations.Date("special_needs_assessment.assessed_on", assessment.AssessedOn, today, required: true);
                if (assessment.Needs.Count == 0) violations.Add("special_needs_assessment.needs", "must name at least one need.");
                foreach (var need in assessment.Needs.Where(n => !KnownNeeds.Contains(n)))
                    violations.Add("special_needs_assessment.needs", $"'{need}' is not one of: {string.Join(", ", KnownNeeds)}.");
                violations.Known("special_needs_assessment.recommended_form", assessment.RecommendedForm);
                break;
            case EducationRecord.BodyOneofCase.SchoolIncident:
                violations.Known("school_incident.type", record.SchoolIncident.Type);
                violations.Text("school_incident.description", record.SchoolIncident.Description, 2000);
                break;
            default:
                violations.Add("body", "one of enrolment, special_needs_assessment or school_incident is required.");
                break;
        }
    }

    /// <summary>The ПМПК conclusion codes the platform understands.</summary>
    public static readonly IReadOnlySet<string> KnownNeeds = new SortedSet<string>(StringComparer.Ordinal)
    {
        "speech", "hearing", "vision", "intellectual", "motor", "autism-spectrum", "emotional-behavioural", "learning", "complex",
    };
}
