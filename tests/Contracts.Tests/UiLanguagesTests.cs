using Platform.Contracts.Localization;

namespace Platform.Contracts.Tests;

public sealed class UiLanguagesTests
{
    [Theory]
    [InlineData(null, UiLanguage.Ru)]
    [InlineData("", UiLanguage.Ru)]
    [InlineData("xx", UiLanguage.Ru)]
    [InlineData("KK", UiLanguage.Kk)]
    [InlineData("en", UiLanguage.En)]
    public void Russian_is_the_default_language(string? code, UiLanguage expected) => Assert.Equal(expected, UiLanguages.Parse(code));

    [Fact]
    public void A_language_code_parses_back_to_its_language()
    {
        foreach (var language in Enum.GetValues<UiLanguage>())
            Assert.Equal(language, UiLanguages.Parse(language.Code()));
        Assert.Equal("kk", UiLanguage.Kk.Code());
    }
}
