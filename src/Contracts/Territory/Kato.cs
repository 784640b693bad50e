using System.Diagnostics.CodeAnalysis;

namespace Platform.Contracts.Territory;

/// <summary>A 9-digit КАТО code; its first two digits name the region or city of republican significance.</summary>
public readonly record struct Kato
{
    private Kato(string value) => Value = value;

    public string Value { get; }

    public Region Region => Region.ByPrefix(Value[..2])!;

    /// <summary>True when <paramref name="other"/> lies inside this unit (a region contains its districts).</summary>
    public bool Contains(Kato other) => other.Value.StartsWith(UnitPrefix, StringComparison.Ordinal);

    /// <summary>
    /// The digits that name this unit without its trailing zero levels: every code inside it starts with them
    /// (КАТО levels are fixed-width: region AB, district CD, rural district EF, settlement HHH).
    /// </summary>
    public string UnitPrefix
    {
        get
        {
            foreach (var width in LevelWidths)
                if (Value.AsSpan(width).TrimStart('0').IsEmpty) return Value[..width];
            return Value;
        }
    }

    private static readonly int[] LevelWidths = [2, 4, 6, 9];

    public override string ToString() => Value;

    public static Kato Parse(string? text) =>
        TryParse(text, out var kato, out var error) ? kato : throw new FormatException(error);

    public static bool TryParse(string? text, out Kato kato, [NotNullWhen(false)] out string? error)
    {
        kato = default;
        if (text is null || text.Length != 9 || !text.All(char.IsAsciiDigit))
        {
            error = "KATO code must be exactly 9 digits.";
            return false;
        }
        if (Region.ByPrefix(text[..2]) is null)
        {
            error = $"KATO code {text} does not start with a known region code.";
            return false;
        }
        kato = new Kato(text);
        error = null;
        return true;
    }
}
