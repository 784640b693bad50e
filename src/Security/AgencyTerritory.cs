using System.Diagnostics.CodeAnalysis;
using Platform.Contracts.Territory;

namespace Platform.Security;

/// <summary>
/// Where an agency system may act: the whole country, or one КАТО unit with everything inside it. A class, not a
/// struct, so that no default value can silently mean "national".
/// </summary>
public sealed record AgencyTerritory
{
    public const string NationalName = "national";

    private AgencyTerritory(Kato? unit) => Unit = unit;

    public static AgencyTerritory National { get; } = new(unit: null);

    public static AgencyTerritory Of(Kato unit) => new(unit);

    /// <summary>The КАТО unit; null when national.</summary>
    public Kato? Unit { get; }

    public bool IsNational => Unit is null;

    /// <summary>A region-level unit covers its districts and settlements; national covers every unit.</summary>
    public bool Covers(Kato place) => Unit is not { } unit || unit.Contains(place);

    public override string ToString() => Unit?.Value ?? NationalName;

    /// <summary><c>national</c> or a 9-digit КАТО code of a known region, as certificates and claims write it.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out AgencyTerritory? territory, [NotNullWhen(false)] out string? error)
    {
        territory = null;
        if (text == NationalName)
            territory = National;
        else if (Kato.TryParse(text, out var unit, out error))
            territory = Of(unit);
        else
            return false;
        error = null;
        return true;
    }
}
