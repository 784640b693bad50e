using Platform.Contracts.Identity;
using Platform.Contracts.Records.V1;
using Platform.Contracts.Territory;

namespace Platform.Contracts.Records;

/// <summary>The header every agency record must satisfy, whatever its kind.</summary>
public sealed record ValidHeader(string SourceRecordId, int Version, Iin Iin, Kato Kato, string OrganizationId, DateTimeOffset OccurredAt);

public static class RecordHeaderRules
{
    public const int MaximumIdLength = 100;
    public const int MaximumNameLength = 100;

    public static ValidHeader? Validate(RecordHeader? header, DateTimeOffset now, Violations violations)
    {
        if (header is null)
        {
            violations.Add("header", "is required.");
            return null;
        }
        var violationsBefore = violations.Items.Count;
        violations.Required("header.source_record_id", header.SourceRecordId, MaximumIdLength);
        if (header.Version < 1) violations.Add("header.version", "must be 1 or more.");
        var iin = violations.Iin("header.iin", header.Iin);
        var kato = violations.Kato("header.kato", header.Kato);
        violations.Required("header.organization_id", header.OrganizationId, MaximumIdLength);
        var occurredAt = violations.PastInstant("header.occurred_at", header.OccurredAt, now);
        violations.Text("header.last_name", header.LastName, MaximumNameLength);
        violations.Text("header.first_name", header.FirstName, MaximumNameLength);
        violations.Text("header.patronymic", header.Patronymic, MaximumNameLength);

        if (iin is { } child && occurredAt is { } when)
        {
            var day = DateOnly.FromDateTime(when.UtcDateTime);
            if (child.BirthDate > DateOnly.FromDateTime(now.UtcDateTime))
                violations.Add("header.iin", "gives a birth date in the future.");
            else if (!child.IsChildOn(day) && day >= child.BirthDate)
                violations.Add("header.iin", $"belongs to a person aged 18 or over on {day:yyyy-MM-dd}: the platform keeps records of children.");
            else if (day < child.BirthDate)
                violations.Add("header.occurred_at", $"is before the child's birth ({child.BirthDate:yyyy-MM-dd}).");
        }

        return violations.Items.Count > violationsBefore ? null
            : new ValidHeader(header.SourceRecordId, header.Version, iin!.Value, kato!.Value, header.OrganizationId, occurredAt!.Value);
    }
}
