using Platform.Contracts.Territory;

namespace Platform.Security;

/// <summary>
/// An authenticated agency information system, as its certificate names it: which agency (and optionally which of
/// its organisations, e.g. one school or clinic) and where it may act.
/// </summary>
public sealed record AgencyCaller(string SystemName, Agency Agency, string? OrganizationId, AgencyTerritory Territory) : SystemCaller(SystemName)
{
    /// <summary>Whether this system may submit or read a record located in <paramref name="recordTerritory"/>.</summary>
    public bool MayActOn(Kato recordTerritory) => Territory.Covers(recordTerritory);

    /// <summary>An agency service accepts records only from its own agency's systems, and only on their territory.</summary>
    public bool MayActFor(Agency agency, Kato recordTerritory) => Agency == agency && MayActOn(recordTerritory);
}
