using Google.Protobuf.WellKnownTypes;
using Platform.Contracts.Records;
using Platform.Contracts.Records.V1;

namespace Platform.Contracts.Tests;

public sealed class RecordHeaderRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public static RecordHeader ValidHeader() => new()
    {
        SourceRecordId = "school-17/enrolment/2026-0001",
        Version = 1,
        Iin = "150315501231",
        Kato = "751110000",
        OrganizationId = "school-17",
        OccurredAt = Timestamp.FromDateTimeOffset(Now.AddDays(-3)),
        LastName = "Абаев",
        FirstName = "Нурлан",
    };

    private static IReadOnlyList<Violation> Validate(RecordHeader header)
    {
        var violations = new Violations();
        RecordHeaderRules.Validate(header, Now, violations);
        return violations.Items;
    }

    [Fact]
    public void A_valid_header_has_no_violations_and_gives_typed_values()
    {
        var violations = new Violations();
        var header = RecordHeaderRules.Validate(ValidHeader(), Now, violations);

        Assert.Empty(violations.Items);
        Assert.Equal(new DateOnly(2015, 3, 15), header!.Iin.BirthDate);
        Assert.Equal("75", header.Kato.Region.KatoPrefix);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_field()
    {
        var header = ValidHeader();
        header.SourceRecordId = "";
        header.Version = 0;
        header.Iin = "150315501232";
        header.Kato = "990000000";
        header.OccurredAt = Timestamp.FromDateTimeOffset(Now.AddDays(1));

        var fields = Validate(header).Select(v => v.Field).ToList();

        Assert.Equal(["header.source_record_id", "header.version", "header.iin", "header.kato", "header.occurred_at"], fields);
    }

    [Fact]
    public void A_record_about_an_adult_is_rejected()
    {
        var header = ValidHeader();
        header.Iin = "990101300013"; // born 1999

        var violation = Assert.Single(Validate(header));
        Assert.Equal("header.iin", violation.Field);
        Assert.Contains("aged 18 or over", violation.Description);
    }

    [Fact]
    public void An_event_before_the_childs_birth_is_rejected()
    {
        var header = ValidHeader();
        header.OccurredAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2014, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var violation = Assert.Single(Validate(header));
        Assert.Equal("header.occurred_at", violation.Field);
    }

    [Fact]
    public void A_missing_header_is_one_violation()
    {
        var violations = new Violations();
        Assert.Null(RecordHeaderRules.Validate(null, Now, violations));
        Assert.Equal("header", Assert.Single(violations.Items).Field);
    }

    [Theory]
    [InlineData("F84.0", true)]
    [InlineData("T74.1", true)]
    [InlineData("X60", true)]
    [InlineData("f84.0", false)]
    [InlineData("F8", false)]
    [InlineData("F84.", false)]
    [InlineData("84.0", false)]
    public void Icd10_codes_must_have_the_right_shape(string code, bool valid)
    {
        var violations = new Violations();
        violations.Icd10("icd10", code);
        Assert.Equal(valid, !violations.Any);
    }

    [Theory]
    [InlineData("2026-11-22", true)]
    [InlineData("2026-11-23", false)]
    [InlineData("22.11.2026", false)]
    [InlineData("2026-02-30", false)]
    public void Dates_are_iso_and_never_in_the_future(string value, bool valid)
    {
        var violations = new Violations();
        violations.Date("date", value, DateOnly.FromDateTime(Now.UtcDateTime), required: true);
        Assert.Equal(valid, !violations.Any);
    }
}
