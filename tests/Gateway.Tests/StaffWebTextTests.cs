using Platform.Contracts.Localization;
using Platform.Gateway.Staff;
using Platform.Gateway.Web;

namespace Platform.Gateway.Tests;

public sealed class StaffWebTextTests
{
    [Fact]
    public void Every_text_exists_in_russian_kazakh_and_english()
    {
        foreach (var language in Enum.GetValues<UiLanguage>())
        {
            var text = new WebText(language);
            Assert.All(WebText.Keys, key => Assert.False(string.IsNullOrWhiteSpace(text[key]), $"{key} in {language}"));
        }
    }

    [Fact]
    public void Every_role_level_and_problem_the_pages_show_has_a_text()
    {
        var shown = StaffRole.All.Select(r => $"role-{r.Code}")
            .Concat(Enum.GetNames<CommissionLevel>().Select(l => $"level-{l.ToLowerInvariant()}"))
            .Concat(Enum.GetNames<AccountProblem>().Concat(Enum.GetNames<PasswordProblem>()).Select(p => $"problem-{p}"));

        Assert.Empty(shown.Except(WebText.Keys));
    }
}
