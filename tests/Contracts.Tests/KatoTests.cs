using Platform.Contracts.Territory;

namespace Platform.Contracts.Tests;

public sealed class KatoTests
{
    [Theory]
    [InlineData("751110000", "75")]
    [InlineData("711210000", "71")]
    [InlineData("631010000", "63")]
    public void A_kato_code_names_its_region(string code, string prefix)
    {
        var kato = Kato.Parse(code);
        Assert.Equal(prefix, kato.Region.KatoPrefix);
    }

    [Theory]
    [InlineData("7511100", "exactly 9 digits")]
    [InlineData("75111000a", "exactly 9 digits")]
    [InlineData("990000000", "region")]
    public void An_invalid_kato_code_is_rejected_with_the_reason(string code, string reason)
    {
        Assert.False(Kato.TryParse(code, out _, out var error));
        Assert.Contains(reason, error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_region_contains_its_districts_and_a_district_not_its_neighbours()
    {
        var almaty = Kato.Parse("750000000");
        var district = Kato.Parse("751110000");
        var otherDistrict = Kato.Parse("751210000");
        var astana = Kato.Parse("711210000");

        Assert.True(almaty.Contains(district));
        Assert.False(almaty.Contains(astana));
        Assert.True(Kato.Parse("751100000").Contains(district));
        Assert.False(Kato.Parse("751100000").Contains(otherDistrict));
        Assert.True(district.Contains(district));
    }

    [Fact]
    public void There_are_twenty_regions_each_named_in_three_languages()
    {
        Assert.Equal(20, Region.All.Count);
        Assert.Equal(20, Region.All.Select(r => r.KatoPrefix).Distinct().Count());
        Assert.All(Region.All, r => Assert.False(string.IsNullOrWhiteSpace(r.NameRu) || string.IsNullOrWhiteSpace(r.NameKk) || string.IsNullOrWhiteSpace(r.NameEn)));
    }
}
