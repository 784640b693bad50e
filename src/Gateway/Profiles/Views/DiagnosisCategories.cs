namespace Platform.Gateway.Profiles.Views;

/// <summary>
/// ICD-10 chapters by the code's first letter (and, where a letter is split, its number), as a stable code
/// (<c>mental</c>, <c>injuries</c>, ...): the APIs return the code, the pages name it in the reader's language.
/// </summary>
public static class DiagnosisCategories
{
    public const string Unknown = "unknown";

    public static IReadOnlyList<string> Codes { get; } =
    [
        "infectious", "neoplasms", "blood", "endocrine", "mental", "nervous", "eye", "ear", "circulatory", "respiratory", "digestive",
        "skin", "musculoskeletal", "genitourinary", "pregnancy", "perinatal", "congenital", "symptoms", "injuries", "external",
        "health-factors", Unknown,
    ];

    public static string Of(string icd10)
    {
        if (icd10.Length < 3 || !char.IsAsciiLetterUpper(icd10[0]) || !int.TryParse(icd10.AsSpan(1, 2), out var number))
            return Unknown;
        return icd10[0] switch
        {
            'A' or 'B' => "infectious",
            'C' => "neoplasms",
            'D' when number < 50 => "neoplasms",
            'D' => "blood",
            'E' => "endocrine",
            'F' => "mental",
            'G' => "nervous",
            'H' when number < 60 => "eye",
            'H' => "ear",
            'I' => "circulatory",
            'J' => "respiratory",
            'K' => "digestive",
            'L' => "skin",
            'M' => "musculoskeletal",
            'N' => "genitourinary",
            'O' => "pregnancy",
            'P' => "perinatal",
            'Q' => "congenital",
            'R' => "symptoms",
            'S' or 'T' => "injuries",
            'V' or 'W' or 'X' or 'Y' => "external",
            'Z' => "health-factors",
            _ => Unknown,
        };
    }
}
