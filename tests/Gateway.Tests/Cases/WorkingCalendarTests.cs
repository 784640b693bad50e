using System.Text;
using Platform.Gateway.Cases.FollowUp;

namespace Platform.Gateway.Tests.Cases;

public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Kazakhstan;

    [Theory]
    [InlineData("2026-01-01", false)] // New Year
    [InlineData("2026-01-05", true)]
    [InlineData("2026-01-07", false)] // Orthodox Christmas
    [InlineData("2026-03-09", false)] // 8 March was a Sunday: Monday is off
    [InlineData("2026-03-23", false)] // Nauryz
    [InlineData("2026-03-24", false)] // Nauryz 21 and 22 were a weekend: carried to the 24th and 25th
    [InlineData("2026-03-25", false)]
    [InlineData("2026-03-26", true)]
    [InlineData("2026-05-11", false)] // Victory Day on a Saturday
    [InlineData("2026-05-27", false)] // Kurban Ait
    [InlineData("2026-08-31", false)] // Constitution Day on a Sunday
    [InlineData("2026-10-26", false)] // Republic Day on a Sunday
    [InlineData("2026-12-16", false)]
    [InlineData("2026-12-17", true)]  // no longer a holiday since 2022
    [InlineData("2026-12-05", false)] // a Saturday
    [InlineData("2026-12-02", true)]
    public void Knows_weekends_holidays_and_carried_over_days_off(string day, bool working) =>
        Assert.Equal(working, Calendar.IsWorkingDay(DateOnly.Parse(day)));

    [Fact]
    public void A_religious_holiday_on_a_weekend_carries_nothing_over()
    {
        // 7 January 2024 was a Sunday; Monday the 8th was a working day.
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2024, 1, 8)));
    }

    [Fact]
    public void Working_days_skip_weekends_and_holidays_both_ways()
    {
        // Friday 20 March 2026 + 1 working day: the weekend, Nauryz and its two carried-over days lie between.
        Assert.Equal(new DateOnly(2026, 3, 26), Calendar.AddWorkingDays(new DateOnly(2026, 3, 20), 1));
        Assert.Equal(new DateOnly(2026, 3, 20), Calendar.AddWorkingDays(new DateOnly(2026, 3, 26), -1));
        Assert.Equal(new DateOnly(2026, 12, 4), Calendar.AddWorkingDays(new DateOnly(2026, 12, 2), 2));
        Assert.Equal(new DateOnly(2026, 12, 2), Calendar.AddWorkingDays(new DateOnly(2026, 12, 2), 0));
        Assert.Equal(1, Calendar.WorkingDaysBetween(new DateOnly(2026, 3, 20), new DateOnly(2026, 3, 26)));
        Assert.Equal(0, Calendar.WorkingDaysBetween(new DateOnly(2026, 12, 4), new DateOnly(2026, 12, 6)));
    }

    [Fact]
    public void Local_days_are_Kazakhstans()
    {
        // 20:30 UTC on 2 December is already 3 December in Astana (UTC+5).
        Assert.Equal(new DateOnly(2026, 12, 3), Calendar.LocalDate(new DateTimeOffset(2026, 12, 2, 20, 30, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 19, 0, 0, TimeSpan.Zero), Calendar.StartOf(new DateOnly(2026, 12, 3)));
    }

    [Fact]
    public void A_transfer_by_decree_swaps_a_working_day_and_a_day_off()
    {
        var calendar = WorkingCalendar.Load(new MemoryStream(Encoding.UTF8.GetBytes("""
            { "utcOffset": "05:00", "weekend": ["Saturday", "Sunday"], "holidays": [], "movableHolidays": [],
              "transfers": [ { "dayOff": "2026-01-02", "workingDay": "2026-01-03", "decree": "test" } ] }
            """)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 1, 2)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 1, 3)));
    }
}
