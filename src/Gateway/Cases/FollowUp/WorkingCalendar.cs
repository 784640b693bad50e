using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Gateway.Cases.FollowUp;

/// <summary>
/// Which days count when a deadline is given in working days: weekends, public holidays, the days off a holiday on a
/// weekend carries over to, and the Government's transfers — all from data (<c>kazakhstan-calendar.json</c>), the
/// carry-over rule from the Labour Code. Dates are local to <see cref="UtcOffset"/>.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly HashSet<DayOfWeek> weekend;
    private readonly IReadOnlyList<Holiday> recurring;
    private readonly IReadOnlyList<(DateOnly Date, bool CarriesOver)> movable;
    private readonly HashSet<DateOnly> transferredDaysOff;
    private readonly HashSet<DateOnly> transferredWorkingDays;
    private readonly Dictionary<int, HashSet<DateOnly>> daysOffByYear = new();
    private readonly Lock gate = new();

    // Before the instances below: static fields are initialised in the order they are written.
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public TimeSpan UtcOffset { get; }

    private WorkingCalendar(CalendarData data)
    {
        UtcOffset = TimeSpan.Parse(data.UtcOffset);
        weekend = data.Weekend.ToHashSet();
        recurring = data.Holidays;
        movable = data.MovableHolidays.Select(h => (DateOnly.Parse(h.Date), h.CarriesOver)).ToList();
        transferredDaysOff = data.Transfers.Select(t => DateOnly.Parse(t.DayOff)).ToHashSet();
        transferredWorkingDays = data.Transfers.Select(t => DateOnly.Parse(t.WorkingDay)).ToHashSet();
    }

    public static WorkingCalendar Kazakhstan { get; } = Load(
        typeof(WorkingCalendar).Assembly.GetManifestResourceStream("cases/kazakhstan-calendar.json")
        ?? throw new InvalidOperationException("The embedded working calendar is missing."));

    public static WorkingCalendar Load(Stream json) =>
        new(JsonSerializer.Deserialize<CalendarData>(json, JsonOptions) ?? throw new InvalidDataException("The working calendar is empty."));

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(UtcOffset).DateTime);

    /// <summary>The instant a local day begins: a deadline on day D is missed from the start of D + 1.</summary>
    public DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), UtcOffset);

    public bool IsWorkingDay(DateOnly day)
    {
        if (transferredWorkingDays.Contains(day)) return true;
        return !weekend.Contains(day.DayOfWeek) && !DaysOff(day.Year).Contains(day);
    }

    /// <summary>The working day <paramref name="workingDays"/> working days after <paramref name="from"/> (negative: before).</summary>
    public DateOnly AddWorkingDays(DateOnly from, int workingDays)
    {
        var step = workingDays >= 0 ? 1 : -1;
        var day = from;
        for (var left = Math.Abs(workingDays); left > 0;)
        {
            day = day.AddDays(step);
            if (IsWorkingDay(day)) left--;
        }
        return day;
    }

    /// <summary>How many working days lie after <paramref name="after"/> up to and including <paramref name="through"/>.</summary>
    public int WorkingDaysBetween(DateOnly after, DateOnly through)
    {
        var count = 0;
        for (var day = after.AddDays(1); day <= through; day = day.AddDays(1))
            if (IsWorkingDay(day)) count++;
        return count;
    }

    /// <summary>Holidays, their carried-over days off and transferred days off of one year, computed once.</summary>
    private HashSet<DateOnly> DaysOff(int year)
    {
        lock (gate)
        {
            if (daysOffByYear.TryGetValue(year, out var known)) return known;
            var holidays = recurring.Select(h => (Date: new DateOnly(year, h.Month, h.Day), h.CarriesOver))
                .Concat(movable.Where(h => h.Date.Year == year))
                .OrderBy(h => h.Date)
                .ToList();
            var daysOff = holidays.Select(h => h.Date).ToHashSet();
            foreach (var holiday in holidays.Where(h => h.CarriesOver && weekend.Contains(h.Date.DayOfWeek)))
            {
                var next = holiday.Date.AddDays(1);
                while (weekend.Contains(next.DayOfWeek) || daysOff.Contains(next)) next = next.AddDays(1);
                daysOff.Add(next);
            }
            daysOff.UnionWith(transferredDaysOff.Where(d => d.Year == year));
            daysOffByYear[year] = daysOff;
            return daysOff;
        }
    }

    private sealed record CalendarData(
        string UtcOffset, IReadOnlyList<DayOfWeek> Weekend, IReadOnlyList<Holiday> Holidays,
        IReadOnlyList<MovableHoliday> MovableHolidays, IReadOnlyList<Transfer> Transfers);

    private sealed record Holiday(int Month, int Day, string Name, bool CarriesOver);

    private sealed record MovableHoliday(string Date, string Name, bool CarriesOver);

    private sealed record Transfer(string DayOff, string WorkingDay, string? Decree);
}
