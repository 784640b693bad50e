using Platform.Contracts.Localization;
using Platform.AppHost.Dashboard.Localization;

namespace Platform.Dashboard.Tests.Pages;

public sealed class DashboardTextTests
{
    [Fact]
    public void Every_text_exists_in_russian_kazakh_and_english()
    {
        foreach (var language in Enum.GetValues<UiLanguage>())
        {
            var text = new DashboardText(language);
            Assert.All(DashboardText.Keys, key => Assert.False(string.IsNullOrWhiteSpace(text[key]), $"{language}: {key}"));
        }
    }

    [Fact]
    public void An_unknown_text_key_is_a_programming_error_not_an_empty_label() =>
        Assert.Throws<KeyNotFoundException>(() => new DashboardText(UiLanguage.Ru)["no-such-key"]);
}
