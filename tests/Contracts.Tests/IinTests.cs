using Platform.Contracts.Identity;

namespace Platform.Contracts.Tests;

public sealed class IinTests
{
    // Check digits computed by hand with the published weights (1..11, then 3..11,1,2).
    [Theory]
    [InlineData("150315501231", 2015, 3, 15, Sex.Male)]
    [InlineData("120729604565", 2012, 7, 29, Sex.Female)]
    [InlineData("990101300013", 1999, 1, 1, Sex.Male)]
    public void A_valid_iin_gives_its_birth_date_and_sex(string text, int year, int month, int day, Sex sex)
    {
        var iin = Iin.Parse(text);

        Assert.Equal(new DateOnly(year, month, day), iin.BirthDate);
        Assert.Equal(sex, iin.Sex);
        Assert.Equal(text, iin.ToString());
    }

    [Theory]
    [InlineData(null, "exactly 12 digits")]
    [InlineData("15031550123", "exactly 12 digits")]
    [InlineData("15031550123a", "exactly 12 digits")]
    [InlineData("150315 01231", "exactly 12 digits")]
    [InlineData("150315001231", "digit 7")]
    [InlineData("150315701231", "digit 7")]
    [InlineData("151315501231", "birth date")]
    [InlineData("150230501231", "birth date")]
    [InlineData("150315501232", "check digit does not match")]
    public void An_invalid_iin_is_rejected_with_the_reason(string? text, string reason)
    {
        Assert.False(Iin.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
        Assert.Throws<FormatException>(() => Iin.Parse(text));
    }

    [Fact]
    public void February_29_is_a_birth_date_only_in_leap_years()
    {
        var digits = "1202295" + "0001";
        var check = Iin.ComputeCheckDigit(digits.Select(c => c - '0').ToArray());
        Assert.NotNull(check);
        Assert.True(Iin.TryParse(digits + check, out var leap, out _));
        Assert.Equal(new DateOnly(2012, 2, 29), leap.BirthDate);

        Assert.False(Iin.TryParse("1302295" + "0001" + "0", out _, out var error));
        Assert.Contains("birth date", error);
    }

    [Fact]
    public void A_child_is_under_eighteen_on_the_given_date()
    {
        var iin = Iin.Parse("150315501231");

        Assert.True(iin.IsChildOn(new DateOnly(2033, 3, 14)));
        Assert.False(iin.IsChildOn(new DateOnly(2033, 3, 15)));
        Assert.False(iin.IsChildOn(new DateOnly(2015, 3, 14)));
    }

    [Fact]
    public void Age_counts_full_years_and_turns_on_the_birthday()
    {
        var iin = Iin.Parse("150315501231");
        Assert.Equal(0, iin.AgeOn(new DateOnly(2015, 3, 15)));
        Assert.Equal(9, iin.AgeOn(new DateOnly(2025, 3, 14)));
        Assert.Equal(10, iin.AgeOn(new DateOnly(2025, 3, 15)));
        Assert.Equal(2, Iin.AgeOn(new DateOnly(2008, 3, 1), new DateOnly(2011, 2, 28)));
    }
}
