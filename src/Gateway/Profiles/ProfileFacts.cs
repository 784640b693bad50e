using Platform.Contracts.Identity;
using Platform.Contracts.IntegrationEvents;

namespace Platform.Gateway.Profiles;

/// <summary>One agency record as the profile holds it: its latest version's event.</summary>
public sealed record ProfileRecord(AgencyRecordEvent Event)
{
    public string Key => KeyOf(Event);

    /// <summary>How a record is named as a signal's evidence and on the child's page: agency/record id.</summary>
    public static string KeyOf(AgencyRecordEvent recordEvent) => $"{recordEvent.SourceAgency}/{recordEvent.RecordId}";
}

/// <summary>What the signal rules look at: a child's current records on a given day.</summary>
public sealed record ProfileFacts(Iin Iin, IReadOnlyList<ProfileRecord> Records, DateOnly Today)
{
    public int Age => Iin.AgeOn(Today);

    public IEnumerable<(ProfileRecord Record, T Event)> All<T>() where T : AgencyRecordEvent =>
        Records.Where(r => r.Event is T).Select(r => (r, (T)r.Event));

    /// <summary>The earliest of <paramref name="days"/> after <see cref="Today"/>, or null.</summary>
    public DateOnly? FirstAfterToday(IEnumerable<DateOnly?> days) => days.Where(day => day > Today).Min();
}
