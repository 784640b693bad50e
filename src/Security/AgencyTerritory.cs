using System.Diagnostics.CodeAnalysis;
using Platform.Contracts.Territory;

namespace Platform.Security;

/// <summary>Where an agency system may act: the whole country, or one КАТО unit with everything inside it.</summary>
public readonly record struct AgencyTerritory
{
    public const string NationalName = "national";

    private AgencyTerritory(Kato? unit) => Unit = unit;

    public static AgencyTerritory National { get; } = new(null);

    public static AgencyTerritory Of(Kato unit) => new(unit);

    /// <summary>The КАТО unit; null when national.</summary>
    public Kato? Unit { get; }

    public bool IsNational => Unit is null;

    /// <summary>A region-level unit covers its districts and settlements; national covers every unit.</summary>
    public bool Covers(Kato place) => Unit is not { } unit || unit.Contains(place);

    public override string ToString() => Unit?.Value ?? NationalName;

    public static bool TryParse(string? text, out AgencyTerritory territory, [NotNullWhen(false)] out string? error)
    {
        territory = National;
        if (text == NationalName)
        {
            error = null;
            return true;
        }
        if (!Kato.TryParse(text, out var unit, out error)) return false;
        territory = Of(unit);
        return true;
    }
}
