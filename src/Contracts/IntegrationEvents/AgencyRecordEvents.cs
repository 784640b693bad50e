using System.Text.Json.Serialization;

namespace Platform.Contracts.IntegrationEvents;

public static class SourceAgencies
{
    public const string Education = "education";
    public const string Health = "health";
    public const string Social = "social";
}

/// <summary>
/// What every event about an agency record carries. <see cref="EventId"/> is unique per change (consumers
/// deduplicate on it); <see cref="Version"/> orders the changes of one record (an older version never overwrites
/// a newer one); <see cref="Region"/> is the record's 9-digit KATO code. The derived types are listed so a
/// batch of mixed events keeps each one's type on the wire.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$kind")]
[JsonDerivedType(typeof(EnrolmentRecorded), "EnrolmentRecorded")]
[JsonDerivedType(typeof(SpecialNeedsAssessed), "SpecialNeedsAssessed")]
[JsonDerivedType(typeof(SchoolIncidentReported), "SchoolIncidentReported")]
[JsonDerivedType(typeof(ScreeningRecorded), "ScreeningRecorded")]
[JsonDerivedType(typeof(DiagnosisRecorded), "DiagnosisRecorded")]
[JsonDerivedType(typeof(RehabilitationCourseRecorded), "RehabilitationCourseRecorded")]
[JsonDerivedType(typeof(InjuryRecorded), "InjuryRecorded")]
[JsonDerivedType(typeof(SuicideAttemptRecorded), "SuicideAttemptRecorded")]
[JsonDerivedType(typeof(DisabilityStatusRecorded), "DisabilityStatusRecorded")]
[JsonDerivedType(typeof(BenefitRecorded), "BenefitRecorded")]
[JsonDerivedType(typeof(FamilySituationRecorded), "FamilySituationRecorded")]
[JsonDerivedType(typeof(SocialServiceRecorded), "SocialServiceRecorded")]
[JsonDerivedType(typeof(RecordWithdrawn), "RecordWithdrawn")]
public abstract record AgencyRecordEvent
{
    // Not `required`: an agency service builds the kind-specific part first and stamps these with
    // AgencyRecordEvents.Stamp, one place for every kind.
    public Guid EventId { get; init; }
    public string Iin { get; init; } = "";
    public string SourceAgency { get; init; } = "";
    public string RecordId { get; init; } = "";
    public int Version { get; init; }
    public string Region { get; init; } = "";
    public string OrganizationId { get; init; } = "";
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public string? LastName { get; init; }
    public string? FirstName { get; init; }
    public string? Patronymic { get; init; }
    /// <summary>W3C traceparent of the request that made the change, so the whole path is one trace.</summary>
    public string? TraceParent { get; init; }
}

// Education

public sealed record EnrolmentRecorded : AgencyRecordEvent
{
    public required string OrganizationType { get; init; }
    public required string Form { get; init; }
    public required int Grade { get; init; }
    public required DateOnly StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
}

public sealed record SpecialNeedsAssessed : AgencyRecordEvent
{
    public required DateOnly AssessedOn { get; init; }
    public required IReadOnlyList<string> Needs { get; init; }
    public required string RecommendedForm { get; init; }
}

public sealed record SchoolIncidentReported : AgencyRecordEvent
{
    public required string IncidentType { get; init; }
    public required bool ReportedToPolice { get; init; }
}

// Health

public sealed record ScreeningRecorded : AgencyRecordEvent
{
    public required string ScreeningType { get; init; }
    public required string Risk { get; init; }
    public int Score { get; init; }
    public DateOnly? FollowUpOn { get; init; }
}

public sealed record DiagnosisRecorded : AgencyRecordEvent
{
    public required string Icd10 { get; init; }
    public required bool DispensaryRegistration { get; init; }
}

public sealed record RehabilitationCourseRecorded : AgencyRecordEvent
{
    public required string System { get; init; }
    public required string CourseType { get; init; }
    public required DateOnly StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
    public string? Provider { get; init; }
}

public sealed record InjuryRecorded : AgencyRecordEvent
{
    public required string Icd10 { get; init; }
    public required bool SuspectedAbuse { get; init; }
}

public sealed record SuicideAttemptRecorded : AgencyRecordEvent
{
    public required string Icd10 { get; init; }
    public required bool Hospitalised { get; init; }
}

// Social protection

public sealed record DisabilityStatusRecorded : AgencyRecordEvent
{
    public required string Cause { get; init; }
    public required DateOnly ValidFrom { get; init; }
    public DateOnly? ValidUntil { get; init; }
    public required bool HasRehabilitationProgramme { get; init; }
    public string? Icd10 { get; init; }
}

public sealed record BenefitRecorded : AgencyRecordEvent
{
    public required string BenefitType { get; init; }
    public required long MonthlyAmountTenge { get; init; }
    public required DateOnly StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
}

public sealed record FamilySituationRecorded : AgencyRecordEvent
{
    public required bool DifficultLifeSituation { get; init; }
    public required IReadOnlyList<string> Reasons { get; init; }
    public required DateOnly AssessedOn { get; init; }
}

public sealed record SocialServiceRecorded : AgencyRecordEvent
{
    public required string ServiceType { get; init; }
    public required DateOnly StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
    public string? Provider { get; init; }
}

// Any agency

/// <summary>The record was withdrawn (entered in error, duplicate, ...): the profile must drop it.</summary>
public sealed record RecordWithdrawn : AgencyRecordEvent
{
    public required string RecordKind { get; init; }
    public required string Reason { get; init; }
}

/// <summary>Many changes in one message, for bulk loads; each keeps its own event id and version.</summary>
public sealed record AgencyRecordEventBatch(string SourceAgency, IReadOnlyList<AgencyRecordEvent> Events);
