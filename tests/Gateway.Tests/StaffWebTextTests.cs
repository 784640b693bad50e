using System.Globalization;
using System.Resources;
using Platform.Contracts.IntegrationEvents;
using Platform.Gateway.Cases;
using Platform.Gateway.Cases.FollowUp;
using Platform.Gateway.Cases.Referrals;
using Platform.Gateway.Profiles.Signals;
using Platform.Gateway.Staff;
using Platform.Gateway.Web.Texts;

namespace Platform.Gateway.Tests;

public sealed class StaffWebTextTests
{
    private static readonly ResourceManager Texts = new(typeof(StaffText).FullName!, typeof(StaffText).Assembly);

    /// <summary>The texts a culture's own resources hold, without falling back to Russian.</summary>
    private static Dictionary<string, string> OwnTexts(CultureInfo culture) =>
        Texts.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => (string)entry.Value!);

    [Fact]
    public void Every_text_exists_in_russian_kazakh_and_english()
    {
        var russian = OwnTexts(CultureInfo.InvariantCulture);
        Assert.NotEmpty(russian);
        foreach (var culture in new[] { new CultureInfo("kk"), new CultureInfo("en") })
        {
            var own = OwnTexts(culture);
            Assert.Empty(russian.Keys.Except(own.Keys));
            Assert.Empty(own.Keys.Except(russian.Keys));
            Assert.All(own, text => Assert.False(string.IsNullOrWhiteSpace(text.Value), $"{text.Key} in {culture}"));
        }
        Assert.Equal("КДНЗП хатшысы", OwnTexts(new CultureInfo("kk"))["role-commission_secretary"]);
    }

    [Fact]
    public void Every_role_level_problem_status_signal_clock_agency_and_record_kind_the_pages_show_has_a_text()
    {
        var shown = StaffRole.All.Select(r => $"role-{r.Code}")
            .Concat(Enum.GetNames<CommissionLevel>().Select(l => $"level-{l.ToLowerInvariant()}"))
            .Concat(Enum.GetNames<AccountProblem>().Concat(Enum.GetNames<PasswordProblem>()).Select(p => $"problem-{p}"))
            .Concat(Enum.GetNames<CaseProblem>().Select(p => $"case-problem-{p}"))
            .Concat(Enum.GetValues<CaseStatus>().Select(s => $"status-{s.Code()}"))
            .Concat(SignalRules.All.Select(rule => $"signal-{rule.Code}"))
            .Concat(Enum.GetNames<ReferralState>().Select(s => $"referral-state-{s.ToLowerInvariant()}"))
            .Concat(Enum.GetNames<ClockKind>().Select(k => $"clock-{k}"))
            .Concat(Enum.GetNames<ClockState>().Select(s => $"clock-state-{s}"))
            .Concat(ReferralRules.Agencies.Select(agency => $"agency-{agency}"))
            .Concat(Enum.GetNames<EscalationTarget>().Select(target => $"escalation-{target}"))
            .Concat(new[] { "record", "correction", "withdrawal", "signal" }.Select(what => $"alert-{what}"))
            .Concat(Platform.Gateway.Profiles.Views.DiagnosisCategories.Codes.Select(code => $"diagnosis-category-{code}"))
            .Concat(Enum.GetNames<FollowUpChangeKind>().Select(kind => $"timeline-follow-up-{kind.ToLowerInvariant()}"))
            .Concat(typeof(AgencyRecordEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(AgencyRecordEvent)) && t != typeof(RecordWithdrawn))
                .Select(kind => $"kind-{kind.Name}"));

        Assert.Empty(shown.Except(OwnTexts(CultureInfo.InvariantCulture).Keys));
    }

    [Fact]
    public void Every_field_of_every_record_kind_has_a_label()
    {
        var fields = typeof(AgencyRecordEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(AgencyRecordEvent)))
            .SelectMany(kind => kind.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance
                                                   | System.Reflection.BindingFlags.DeclaredOnly))
            .Select(property => $"field-{System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property.Name)}")
            .Append("field-diagnosisCategory");

        Assert.Empty(fields.Except(OwnTexts(CultureInfo.InvariantCulture).Keys));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("xx", null)]
    [InlineData("KK", "kk-KZ")]
    [InlineData("en", "en-GB")]
    [InlineData("ru", "ru-KZ")]
    public void A_page_is_in_russian_unless_kazakh_or_english_is_asked_for(string? code, string? culture)
    {
        Assert.Equal(culture, StaffLanguages.Named(code)?.Name);
        Assert.Equal("ru-KZ", StaffLanguages.Default.Name);
    }
}
