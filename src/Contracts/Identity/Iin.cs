using System.Diagnostics.CodeAnalysis;

namespace Platform.Contracts.Identity;

public enum Sex { Male, Female }

/// <summary>
/// The 12-digit individual identification number (ИИН). Digits 1–6 are the birth date (YYMMDD), digit 7 the
/// century and sex, digits 8–11 a serial number and digit 12 a check digit over the first eleven.
/// </summary>
public readonly record struct Iin
{
    private static readonly int[] FirstWeights = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    private static readonly int[] SecondWeights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

    private Iin(string value, DateOnly birthDate, Sex sex)
    {
        Value = value;
        BirthDate = birthDate;
        Sex = sex;
    }

    public string Value { get; }
    public DateOnly BirthDate { get; }
    public Sex Sex { get; }

    public override string ToString() => Value;

    public bool IsChildOn(DateOnly date) => date < BirthDate.AddYears(18) && date >= BirthDate;

    /// <summary>Full years of age on <paramref name="date"/>.</summary>
    public int AgeOn(DateOnly date) => AgeOn(BirthDate, date);

    public static int AgeOn(DateOnly birthDate, DateOnly date) =>
        date.Year - birthDate.Year - (date < birthDate.AddYears(date.Year - birthDate.Year) ? 1 : 0);

    public static Iin Parse(string? text) =>
        TryParse(text, out var iin, out var error) ? iin : throw new FormatException(error);

    public static bool TryParse(string? text, out Iin iin) => TryParse(text, out iin, out _);

    public static bool TryParse(string? text, out Iin iin, [NotNullWhen(false)] out string? error)
    {
        iin = default;
        if (text is null || text.Length != 12 || !text.All(char.IsAsciiDigit))
        {
            error = "IIN must be exactly 12 digits.";
            return false;
        }

        var digits = text.Select(c => c - '0').ToArray();
        var centuryAndSex = digits[6];
        if (centuryAndSex is < 1 or > 6)
        {
            error = "IIN digit 7 (century and sex) must be 1–6.";
            return false;
        }

        var century = 1800 + (centuryAndSex - 1) / 2 * 100;
        var year = century + digits[0] * 10 + digits[1];
        var month = digits[2] * 10 + digits[3];
        var day = digits[4] * 10 + digits[5];
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = "IIN digits 1–6 are not a valid birth date (YYMMDD).";
            return false;
        }

        var check = ComputeCheckDigit(digits);
        if (check is null)
        {
            error = "IIN has no valid check digit for its first eleven digits.";
            return false;
        }
        if (check != digits[11])
        {
            error = "IIN check digit does not match.";
            return false;
        }

        iin = new Iin(text, new DateOnly(year, month, day), centuryAndSex % 2 == 1 ? Sex.Male : Sex.Female);
        error = null;
        return true;
    }

    /// <summary>The check digit for the first eleven digits, or null when both weightings give 10.</summary>
    public static int? ComputeCheckDigit(IReadOnlyList<int> digits)
    {
        var first = WeightedSum(digits, FirstWeights) % 11;
        if (first != 10) return first;
        var second = WeightedSum(digits, SecondWeights) % 11;
        return second == 10 ? null : second;
    }

    private static int WeightedSum(IReadOnlyList<int> digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++) sum += digits[i] * weights[i];
        return sum;
    }
}
