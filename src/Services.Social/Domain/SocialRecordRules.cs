using Platform.Contracts.Records;
using Platform.Contracts.Social.V1;

namespace Platform.Services.Social.Domain;

/// <summary>What makes a social-protection record acceptable, beyond its header.</summary>
public static class SocialRecordRules
{
    /// <summary>Adds the body's violations; the header is checked by <see cref="RecordHeaderRules"/>.</summary>
    public static void ValidateBody(SocialRecord record, DateTimeOffset now, Violations violations)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        // Decisions are made ahead: a status, benefit or service may run until a date in the coming years.
        var horizon = today.AddYears(20);
        switch (record.BodyCase)
        {
            case SocialRecord.BodyOneofCase.DisabilityStatus:
                var status = record.DisabilityStatus;
                violations.Required("disability_status.cause", status.Cause, 100);
                var from = violations.Date("disability_status.valid_from", status.ValidFrom, today, required: true);
                var until = violations.Date("disability_status.valid_until", status.ValidUntil, horizon, required: false);
                violations.Ordered("disability_status.valid_from", from, "disability_status.valid_until", until);
                if (status.Icd10.Length > 0) violations.Icd10("disability_status.icd10", status.Icd10);
                break;
            case SocialRecord.BodyOneofCase.Benefit:
                var benefit = record.Benefit;
                violations.Known("benefit.type", benefit.Type);
                violations.Range("benefit.monthly_amount_tenge", benefit.MonthlyAmountTenge, 0, 10_000_000);
                var start = violations.Date("benefit.start_date", benefit.StartDate, today, required: true);
                var end = violations.Date("benefit.end_date", benefit.EndDate, horizon, required: false);
                violations.Ordered("benefit.start_date", start, "benefit.end_date", end);
                break;
            case SocialRecord.BodyOneofCase.FamilySituation:
                var family = record.FamilySituation;
                for (var i = 0; i < family.Reasons.Count; i++) violations.Known($"family_situation.reasons[{i}]", family.Reasons[i]);
                if (family.DifficultLifeSituation && family.Reasons.Count == 0)
                    violations.Add("family_situation.reasons", "must name at least one reason when the situation is difficult.");
                violations.Date("family_situation.assessed_on", family.AssessedOn, today, required: true);
                break;
            case SocialRecord.BodyOneofCase.SocialService:
                var service = record.SocialService;
                violations.Known("social_service.type", service.Type);
                var serviceStart = violations.Date("social_service.start_date", service.StartDate, today, required: true);
                var serviceEnd = violations.Date("social_service.end_date", service.EndDate, horizon, required: false);
                violations.Ordered("social_service.start_date", serviceStart, "social_service.end_date", serviceEnd);
                violations.Text("social_service.provider", service.Provider, 200);
                break;
            default:
                violations.Add("body", "one of disability_status, benefit, family_situation or social_service is required.");
                break;
        }
    }
}
