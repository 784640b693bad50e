using Platform.Contracts.Identity;
using Platform.Contracts.IntegrationEvents;

namespace Platform.Gateway.Profiles;

/// <summary>One agency record as the profile holds it: its latest version's event.</summary>
public sealed record ProfileRecord(AgencyRecordEvent Event)
{
    public string Key => $"{Event.SourceAgency}/{Event.RecordId}";
}

/// <summary>What the signal rules look at: a child's current records on a given day.</summary>
public sealed record ProfileFacts(Iin Iin, IReadOnlyList<ProfileRecord> Records, DateOnly Today)
{
    public int Age => Iin.AgeOn(Today);

    public IEnumerable<(ProfileRecord Record, T Event)> All<T>() where T : AgencyRecordEvent =>
        Records.Where(r => r.Event is T).Select(r => (r, (T)r.Event));
}
