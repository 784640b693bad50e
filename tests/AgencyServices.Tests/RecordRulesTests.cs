using Platform.Contracts.Education.V1;
using Platform.Contracts.Health.V1;
using Platform.Contracts.Records;
using Platform.Contracts.Social.V1;
using Platform.Services.Education.Domain;
using Platform.Services.Health.Domain;
using Platform.Services.Social.Domain;
using static Platform.AgencyServices.Tests.SampleRecords;

namespace Platform.AgencyServices.Tests;

public sealed class RecordRulesTests
{
    private static IReadOnlyList<string> EducationFields(EducationRecord record)
    {
        var violations = new Violations();
        EducationRecordRules.ValidateBody(record, Now, violations);
        return violations.Items.Select(v => v.Field).ToList();
    }

    [Fact]
    public void Valid_samples_of_every_agency_have_no_violations()
    {
        var violations = new Violations();
        EducationRecordRules.ValidateBody(Enrolment(), Now, violations);
        HealthRecordRules.ValidateBody(Injury(), Now, violations);
        SocialRecordRules.ValidateBody(DisabilityStatus(), Now, violations);
        Assert.Empty(violations.Items);
    }

    [Fact]
    public void A_record_without_a_body_is_rejected()
    {
        Assert.Equal(["body"], EducationFields(new EducationRecord { Header = Header() }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void A_school_grade_outside_1_to_12_is_rejected(int grade) =>
        Assert.Equal(["enrolment.grade"], EducationFields(Enrolment(grade: grade)));

    [Fact]
    public void An_unknown_enumeration_value_is_rejected()
    {
        var record = Enrolment();
        record.Enrolment.Form = (EducationForm)42;
        Assert.Equal(["enrolment.form"], EducationFields(record));
        record.Enrolment.Form = EducationForm.Unspecified;
        Assert.Equal(["enrolment.form"], EducationFields(record));
    }

    [Fact]
    public void An_end_before_the_start_and_a_start_in_the_future_are_rejected()
    {
        var record = Enrolment();
        record.Enrolment.EndDate = "2026-08-01";
        Assert.Equal(["enrolment.end_date"], EducationFields(record));
        record.Enrolment.EndDate = "";
        record.Enrolment.StartDate = "2027-09-01";
        Assert.Equal(["enrolment.start_date"], EducationFields(record));
    }

    [Fact]
    public void An_unknown_special_need_is_named()
    {
        var record = new EducationRecord
        {
            Header = Header(),
            SpecialNeedsAssessment = new SpecialNeedsAssessment { AssessedOn = "2026-10-01", Needs = { "speech", "telepathy" }, RecommendedForm = EducationForm.Inclusive },
        };
        var violations = new Violations();
        EducationRecordRules.ValidateBody(record, Now, violations);
        Assert.Contains("'telepathy'", Assert.Single(violations.Items).Description);
    }

    [Fact]
    public void A_malformed_icd10_code_is_rejected()
    {
        var record = Injury();
        record.Injury.Icd10 = "T741";
        var violations = new Violations();
        HealthRecordRules.ValidateBody(record, Now, violations);
        Assert.Equal("injury.icd10", Assert.Single(violations.Items).Field);
    }

    [Fact]
    public void A_difficult_life_situation_needs_a_reason()
    {
        var record = new SocialRecord
        {
            Header = Header(),
            FamilySituation = new FamilySituation { DifficultLifeSituation = true, AssessedOn = "2026-10-01" },
        };
        var violations = new Violations();
        SocialRecordRules.ValidateBody(record, Now, violations);
        Assert.Equal("family_situation.reasons", Assert.Single(violations.Items).Field);
    }
}
