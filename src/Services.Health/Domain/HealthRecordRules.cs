using Platform.Contracts.Health.V1;
using Platform.Contracts.Records;

namespace Platform.Services.Health.Domain;

/// <summary>What makes a health record acceptable, beyond its header.</summary>
public static class HealthRecordRules
{
    /// <summary>Adds the body's violations; the header is checked by <see cref="RecordHeaderRules"/>.</summary>
    public static void ValidateBody(HealthRecord record, DateTimeOffset now, Violations violations)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        switch (record.BodyCase)
        {
            case HealthRecord.BodyOneofCase.Screening:
                var screening = record.Screening;
                violations.Known("screening.type", screening.Type);
                violations.Known("screening.risk", screening.Risk);
                if (screening.Type == ScreeningType.MchatR) violations.Range("screening.score", screening.Score, 0, 20);
                violations.Date("screening.follow_up_on", screening.FollowUpOn, today, required: false);
                break;
            case HealthRecord.BodyOneofCase.Diagnosis:
                violations.Icd10("diagnosis.icd10", record.Diagnosis.Icd10);
                break;
            case HealthRecord.BodyOneofCase.RehabilitationCourse:
                var course = record.RehabilitationCourse;
                violations.Known("rehabilitation_course.type", course.Type);
                var start = violations.Date("rehabilitation_course.start_date", course.StartDate, today, required: true);
                var end = violations.Date("rehabilitation_course.end_date", course.EndDate, today.AddYears(1), required: false);
                violations.Ordered("rehabilitation_course.start_date", start, "rehabilitation_course.end_date", end);
                violations.Text("rehabilitation_course.provider", course.Provider, 200);
                break;
            case HealthRecord.BodyOneofCase.Injury:
                violations.Icd10("injury.icd10", record.Injury.Icd10);
                break;
            case HealthRecord.BodyOneofCase.SuicideAttempt:
                violations.Icd10("suicide_attempt.icd10", record.SuicideAttempt.Icd10);
                break;
            default:
                violations.Add("body", "one of screening, diagnosis, rehabilitation_course, injury or suicide_attempt is required.");
                break;
        }
    }
}
