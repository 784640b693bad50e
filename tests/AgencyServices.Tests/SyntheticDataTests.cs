using Platform.Contracts.Records;
using Platform.Services.Education.Domain;
using Platform.Services.Health.Domain;
using Platform.Services.Social.Domain;
using Platform.SyntheticData;

namespace Platform.AgencyServices.Tests;

public sealed class SyntheticDataTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly List<ChildRecords> Sample = SyntheticRecords.Generate(20_000, seed: 7, Today).ToList();

    [Fact]
    public void Every_generated_record_passes_the_services_validation()
    {
        var now = new DateTimeOffset(Today.ToDateTime(new TimeOnly(23, 0)), TimeSpan.Zero);
        var problems = new List<string>();
        foreach (var child in Sample)
        {
            foreach (var record in child.Education) Check(record.Header, v => EducationRecordRules.ValidateBody(record, now, v));
            foreach (var record in child.Health) Check(record.Header, v => HealthRecordRules.ValidateBody(record, now, v));
            foreach (var record in child.Social) Check(record.Header, v => SocialRecordRules.ValidateBody(record, now, v));
        }
        Assert.Empty(problems.Take(5));

        void Check(Platform.Contracts.Records.V1.RecordHeader header, Action<Violations> body)
        {
            var violations = new Violations();
            RecordHeaderRules.Validate(header, now, violations);
            body(violations);
            problems.AddRange(violations.Items.Select(v => $"{header.SourceRecordId}: {v.Field} {v.Description}"));
        }
    }

    [Fact]
    public void Children_have_unique_iins_and_cover_all_twenty_regions()
    {
        Assert.Equal(Sample.Count, Sample.Select(c => c.Child.Iin).Distinct().Count());
        Assert.Equal(20, Sample.Select(c => c.Child.Kato.Region.KatoPrefix).Distinct().Count());
        Assert.All(Sample, c => Assert.True(c.Child.Iin.IsChildOn(Today)));
    }

    [Fact]
    public void Rates_are_plausible()
    {
        var disabled = Sample.Count(c => c.Social.Any(r => r.DisabilityStatus is not null)) / (double)Sample.Count;
        Assert.InRange(disabled, 0.013, 0.02);

        var schoolAge = Sample.Where(c => c.Child.AgeOn(Today) is >= 7 and <= 16).ToList();
        var enrolled = schoolAge.Count(c => c.Education.Any(r => r.Enrolment is not null)) / (double)schoolAge.Count;
        Assert.InRange(enrolled, 0.95, 0.995);

        var injuries = Sample.SelectMany(c => c.Health).Where(r => r.Injury is not null).ToList();
        Assert.InRange(injuries.Count / (double)Sample.Count, 0.01, 0.03);
        Assert.Contains(injuries, r => r.Injury.SuspectedAbuse);
    }

    [Fact]
    public void Names_are_kazakh_and_russian_with_matching_grammatical_forms()
    {
        Assert.Contains(Sample, c => c.Child.Patronymic.EndsWith("қызы") || c.Child.Patronymic.EndsWith("ұлы"));
        Assert.Contains(Sample, c => c.Child.Patronymic.EndsWith("вич") || c.Child.Patronymic.EndsWith("вна"));
        Assert.All(Sample.Where(c => c.Child.Iin.Sex == Platform.Contracts.Identity.Sex.Female && c.Child.Patronymic.EndsWith("вна")),
            c => Assert.EndsWith("а", c.Child.LastName));
    }

    [Fact]
    public void The_same_seed_gives_the_same_data()
    {
        var again = SyntheticRecords.Generate(200, seed: 7, Today).Select(c => c.Child.Iin.Value).ToList();
        Assert.Equal(Sample.Take(200).Select(c => c.Child.Iin.Value), again);
    }

    [Fact]
    public void A_focus_district_gets_a_twentieth_of_the_families_and_everyone_else_stays_as_drawn()
    {
        var focus = Platform.Contracts.Territory.Kato.Parse("711210000");
        var focused = SyntheticRecords.Generate(20_000, seed: 7, Today, focus).ToList();

        Assert.Equal(Sample.Select(c => c.Child.Iin.Value), focused.Select(c => c.Child.Iin.Value));
        var inFocus = focused.Count(c => c.Child.Kato == focus);
        Assert.InRange(inFocus, 20_000 / ChildPopulation.FocusEveryNthFamily * 8 / 10, 20_000 / ChildPopulation.FocusEveryNthFamily * 12 / 10);
        Assert.All(focused.Zip(Sample).Where(pair => pair.First.Child.Kato != focus), pair => Assert.Equal(pair.Second.Child.Kato, pair.First.Child.Kato));
    }
}
