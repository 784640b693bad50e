using Platform.Contracts.IntegrationEvents;

namespace Platform.Security;

/// <summary>The agencies whose information systems exchange records through the platform.</summary>
public enum Agency
{
    Education,
    Health,
    Social,
}

/// <summary>An agency's name on the wire (certificates, claims, events): the same words as <see cref="SourceAgencies"/>.</summary>
public static class AgencyNames
{
    public static string ToName(this Agency agency) => agency switch
    {
        Agency.Education => SourceAgencies.Education,
        Agency.Health => SourceAgencies.Health,
        Agency.Social => SourceAgencies.Social,
        _ => throw new ArgumentOutOfRangeException(nameof(agency), agency, null),
    };

    public static bool TryParse(string? name, out Agency agency)
    {
        foreach (var candidate in Enum.GetValues<Agency>())
        {
            if (candidate.ToName() != name) continue;
            agency = candidate;
            return true;
        }
        agency = default;
        return false;
    }
}
