using Platform.Contracts.IntegrationEvents;
using Platform.Contracts.Records;
using Platform.Contracts.Records.V1;

namespace Platform.AgencyServices.Records;

public static class AgencyRecordEvents
{
    /// <summary>Sets what every agency record event carries, from the validated header and the stored change.</summary>
    public static TEvent Stamp<TEvent>(TEvent recordEvent, string sourceAgency, RecordHeader header, ValidHeader valid, RecordedChange change)
        where TEvent : AgencyRecordEvent => recordEvent with
        {
            EventId = change.EventId,
            Iin = valid.Iin.Value,
            SourceAgency = sourceAgency,
            RecordId = valid.SourceRecordId,
            Version = valid.Version,
            Region = valid.Kato.Value,
            OrganizationId = valid.OrganizationId,
            OccurredAt = valid.OccurredAt,
            RecordedAt = change.RecordedAt,
            LastName = NullIfEmpty(header.LastName),
            FirstName = NullIfEmpty(header.FirstName),
            Patronymic = NullIfEmpty(header.Patronymic),
            TraceParent = change.TraceParent,
        };

    public static RecordWithdrawn Withdrawn(string sourceAgency, StoredRecordHeader header, RecordedChange change, string reason) => new()
    {
        EventId = change.EventId,
        Iin = header.Iin,
        SourceAgency = sourceAgency,
        RecordId = header.SourceRecordId,
        Version = header.Version,
        Region = header.Kato,
        OrganizationId = header.OrganizationId,
        OccurredAt = header.OccurredAt,
        RecordedAt = change.RecordedAt,
        TraceParent = change.TraceParent,
        RecordKind = header.Kind,
        Reason = reason,
    };

    public static DateOnly? OptionalDate(string value) => value.Length == 0 ? null : DateOnly.ParseExact(value, "yyyy-MM-dd");

    public static DateOnly Date(string value) => DateOnly.ParseExact(value, "yyyy-MM-dd");

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
