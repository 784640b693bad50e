using Platform.Contracts.Territory;

namespace Platform.Security.Tests;

public sealed class AgencyCallerTests
{
    private static AgencyCaller EducationIn(string kato) => new("system", Agency.Education, null, AgencyTerritory.Of(Kato.Parse(kato)));

    [Theory]
    [InlineData("750000000", "751110000")] // the city of Almaty covers its districts
    [InlineData("750000000", "750000000")]
    [InlineData("751100000", "751100000")]
    [InlineData("751100000", "751110123")] // a district covers its settlements
    public void A_territorial_system_may_act_inside_its_territory(string own, string record) =>
        Assert.True(EducationIn(own).MayActOn(Kato.Parse(record)));

    [Theory]
    [InlineData("750000000", "710000000")] // Almaty is not Astana
    [InlineData("751100000", "751200000")] // one district is not its neighbour
    [InlineData("751100000", "750000000")] // a district does not cover its whole city
    public void A_territorial_system_may_not_act_outside_its_territory(string own, string record) =>
        Assert.False(EducationIn(own).MayActOn(Kato.Parse(record)));

    [Theory]
    [InlineData("100000000")]
    [InlineData("751110123")]
    [InlineData("790000000")]
    public void A_national_system_may_act_anywhere(string record) =>
        Assert.True(TestCertificates.NationalHealthSystem.MayActOn(Kato.Parse(record)));

    [Fact]
    public void A_system_acts_only_for_its_own_agency()
    {
        var almaty = Kato.Parse("751110000");
        Assert.True(TestCertificates.AlmatySchoolSystem.MayActFor(Agency.Education, almaty));
        Assert.False(TestCertificates.AlmatySchoolSystem.MayActFor(Agency.Health, almaty));
        Assert.False(TestCertificates.NationalHealthSystem.MayActFor(Agency.Education, almaty));
    }

    [Fact]
    public void Callers_round_trip_through_claims()
    {
        foreach (var caller in new[] { TestCertificates.AlmatySchoolSystem, TestCertificates.NationalHealthSystem })
            Assert.Equal(caller, caller.ToPrincipal("test").ToAgencyCaller());
    }

    [Fact]
    public void An_unauthenticated_principal_is_no_caller() =>
        Assert.Null(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity()).ToAgencyCaller());

    [Theory]
    [InlineData("national", true)]
    [InlineData("750000000", true)]
    [InlineData("000000000", false)] // no such region
    [InlineData("75", false)]
    [InlineData("National", false)]
    [InlineData(null, false)]
    public void Territories_parse_strictly(string? text, bool valid) => Assert.Equal(valid, AgencyTerritory.TryParse(text, out _, out _));
}
