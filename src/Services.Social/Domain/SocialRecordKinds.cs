using Google.Protobuf;
using Platform.Contracts.IntegrationEvents;
using Platform.Contracts.Records;
using Platform.Contracts.Records.V1;
using Platform.Contracts.Social.V1;
using Platform.AgencyServices.Records;
using static Platform.AgencyServices.Records.AgencyRecordEvents;

namespace Platform.Services.Social.Domain;

/// <summary>Social protection's record kinds and the event each publishes.</summary>
public sealed class SocialRecordKinds : IAgencyRecordKinds<SocialRecord>
{
    public string SourceAgency => SourceAgencies.Social;
    public MessageParser<SocialRecord> Parser => SocialRecord.Parser;
    public RecordHeader? HeaderOf(SocialRecord record) => record.Header;

    public string? KindOf(SocialRecord record) => record.BodyCase switch
    {
        SocialRecord.BodyOneofCase.DisabilityStatus => "disability-status",
        SocialRecord.BodyOneofCase.Benefit => "benefit",
        SocialRecord.BodyOneofCase.FamilySituation => "family-situation",
        SocialRecord.BodyOneofCase.SocialService => "social-service",
        _ => null,
    };

    public void ValidateBody(SocialRecord record, DateTimeOffset now, Violations violations) =>
        SocialRecordRules.ValidateBody(record, now, violations);

    public AgencyRecordEvent ToEvent(SocialRecord record, ValidHeader header, RecordedChange change)
    {
        AgencyRecordEvent body = record.BodyCase switch
        {
            SocialRecord.BodyOneofCase.DisabilityStatus => new DisabilityStatusRecorded
            {
                Cause = record.DisabilityStatus.Cause,
                ValidFrom = Date(record.DisabilityStatus.ValidFrom),
                ValidUntil = OptionalDate(record.DisabilityStatus.ValidUntil),
                HasRehabilitationProgramme = record.DisabilityStatus.HasRehabilitationProgramme,
                Icd10 = record.DisabilityStatus.Icd10.Length == 0 ? null : record.DisabilityStatus.Icd10,
            },
            SocialRecord.BodyOneofCase.Benefit => new BenefitRecorded
            {
                BenefitType = record.Benefit.Type.ToString(),
                MonthlyAmountTenge = record.Benefit.MonthlyAmountTenge,
                StartDate = Date(record.Benefit.StartDate),
                EndDate = OptionalDate(record.Benefit.EndDate),
            },
            SocialRecord.BodyOneofCase.FamilySituation => new FamilySituationRecorded
            {
                DifficultLifeSituation = record.FamilySituation.DifficultLifeSituation,
                Reasons = record.FamilySituation.Reasons.Select(r => r.ToString()).ToList(),
                AssessedOn = Date(record.FamilySituation.AssessedOn),
            },
            SocialRecord.BodyOneofCase.SocialService => new SocialServiceRecorded
            {
                ServiceType = record.SocialService.Type.ToString(),
                StartDate = Date(record.SocialService.StartDate),
                EndDate = OptionalDate(record.SocialService.EndDate),
                Provider = record.SocialService.Provider,
            },
            _ => throw new InvalidOperationException("A validated record has a body."),
        };
        return Stamp(body, SourceAgency, record.Header, header, change);
    }
}
