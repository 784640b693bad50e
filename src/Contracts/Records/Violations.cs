using System.Globalization;
using System.Text.RegularExpressions;
using Google.Protobuf.WellKnownTypes;
using Platform.Contracts.Identity;
using Platform.Contracts.Territory;

namespace Platform.Contracts.Records;

public sealed record Violation(string Field, string Description);

/// <summary>
/// Collects field violations of one request, so an agency system learns everything wrong with a record at once.
/// Field names are the protobuf paths the caller sent (for example <c>header.iin</c>).
/// </summary>
public sealed partial class Violations
{
    private readonly List<Violation> _items = [];

    public IReadOnlyList<Violation> Items => _items;
    public bool Any => _items.Count > 0;

    public void Add(string field, string description) => _items.Add(new Violation(field, description));

    public void Required(string field, string? value, int maximumLength)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, "is required.");
        else Text(field, value, maximumLength);
    }

    public void Text(string field, string? value, int maximumLength)
    {
        if (value is null) return;
        if (value.Length > maximumLength) Add(field, $"must be at most {maximumLength} characters.");
        else if (value.Any(char.IsControl)) Add(field, "must not contain control characters.");
    }

    public Iin? Iin(string field, string? value)
    {
        if (Identity.Iin.TryParse(value, out var iin, out var error)) return iin;
        Add(field, error);
        return null;
    }

    public Kato? Kato(string field, string? value)
    {
        if (Territory.Kato.TryParse(value, out var kato, out var error)) return kato;
        Add(field, error);
        return null;
    }

    /// <summary>A required instant, not later than <paramref name="now"/> (a few minutes of clock skew allowed).</summary>
    public DateTimeOffset? PastInstant(string field, Timestamp? value, DateTimeOffset now)
    {
        if (value is null)
        {
            Add(field, "is required.");
            return null;
        }
        var instant = value.ToDateTimeOffset();
        if (instant > now + ClockSkew)
        {
            Add(field, "must not be in the future.");
            return null;
        }
        return instant;
    }

    /// <summary>A date as yyyy-MM-dd; empty is allowed unless <paramref name="required"/>; never in the future.</summary>
    public DateOnly? Date(string field, string? value, DateOnly today, bool required)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required) Add(field, "is required (yyyy-MM-dd).");
            return null;
        }
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Add(field, $"'{value}' is not a date in the form yyyy-MM-dd.");
            return null;
        }
        if (date > today)
        {
            Add(field, "must not be in the future.");
            return null;
        }
        return date;
    }

    public void Icd10(string field, string? value)
    {
        if (string.IsNullOrEmpty(value)) Add(field, "is required (an ICD-10 code such as F84.0).");
        else if (!Icd10Shape().IsMatch(value)) Add(field, $"'{value}' is not an ICD-10 code (a letter, two digits, optionally '.' and one or two more).");
    }

    public void Known<TEnum>(string field, TEnum value) where TEnum : struct, System.Enum
    {
        if (!System.Enum.IsDefined(value) || Convert.ToInt32(value, CultureInfo.InvariantCulture) == 0)
            Add(field, $"must be one of: {string.Join(", ", System.Enum.GetNames<TEnum>().Skip(1))}.");
    }

    public void Range(string field, long value, long minimum, long maximum)
    {
        if (value < minimum || value > maximum) Add(field, $"must be between {minimum} and {maximum}.");
    }

    public void Ordered(string startField, DateOnly? start, string endField, DateOnly? end)
    {
        if (start is { } s && end is { } e && e < s) Add(endField, $"must not be before {startField}.");
    }

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    // ICD-10: a letter (U is reserved for special purposes but used, so allowed), two digits, an optional subdivision.
    [GeneratedRegex(@"^[A-Z][0-9]{2}(\.[0-9A-Z]{1,2})?$")]
    private static partial Regex Icd10Shape();
}
