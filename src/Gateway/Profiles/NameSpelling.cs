using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Gateway.Profiles;

/// <summary>
/// One spelling-independent key for a name, so that a child reported as «Әлібек Нұрланұлы» by one agency is found
/// as "Alibek Nurlanuly" or «Алибек» by a commission secretary: Cyrillic is transliterated, Kazakh letters are
/// folded to their nearest Russian ones, and the common Latin renderings of one sound (Kazakh Latin's q, ş, ğ,
/// ä; English "kh", "zh") meet on one form.
/// </summary>
public static partial class NameSpelling
{
    private static readonly Dictionary<char, string> Cyrillic = new()
    {
        ['а'] = "a", ['ә'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['ғ'] = "g", ['д'] = "d", ['е'] = "e", ['ё'] = "e",
        ['ж'] = "zh", ['з'] = "z", ['и'] = "i", ['й'] = "i", ['к'] = "k", ['қ'] = "k", ['л'] = "l", ['м'] = "m", ['н'] = "n",
        ['ң'] = "n", ['о'] = "o", ['ө'] = "o", ['п'] = "p", ['р'] = "r", ['с'] = "s", ['т'] = "t", ['у'] = "u", ['ұ'] = "u",
        ['ү'] = "u", ['ф'] = "f", ['х'] = "h", ['һ'] = "h", ['ц'] = "ts", ['ч'] = "ch", ['ш'] = "sh", ['щ'] = "sh", ['ъ'] = "",
        ['ы'] = "i", ['і'] = "i", ['ь'] = "", ['э'] = "e", ['ю'] = "iu", ['я'] = "ia",
    };

    // Latin letters whose diacritics carry a sound the base letter lacks; the rest lose their marks.
    private static readonly Dictionary<char, string> Latin = new()
    {
        ['ə'] = "a", ['ş'] = "sh", ['ç'] = "ch", ['ı'] = "i", ['q'] = "k", ['w'] = "u", ['y'] = "i", ['j'] = "zh", ['x'] = "ks", ['c'] = "k",
    };

    /// <summary>Digraphs of English and Russian romanisations, taken to the form the tables above give.</summary>
    private static readonly (string From, string To)[] Digraphs = [("kh", "h"), ("dzh", "zh"), ("ph", "f")];

    /// <summary>The key of a name: lower-case Latin letters only; empty when the name has no letters.</summary>
    public static string Key(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        var latin = new StringBuilder(name.Length + 4);
        // "ch" is one sound; read as Cyrillic ч before a lone c is taken for k.
        foreach (var letter in name.ToLowerInvariant().Replace("ch", "ч", StringComparison.Ordinal))
        {
            if (Cyrillic.TryGetValue(letter, out var cyrillic)) latin.Append(cyrillic);
            else if (Latin.TryGetValue(letter, out var marked)) latin.Append(marked);
            else latin.Append(WithoutMarks(letter));
        }
        var key = latin.ToString();
        foreach (var (from, to) in Digraphs) key = key.Replace(from, to, StringComparison.Ordinal);
        // After a vowel, Cyrillic е sounds "ye" and is romanised so ("Абаев", "Abayev"): both sides drop the glide.
        key = VowelGlide().Replace(key, "$1e");
        var letters = new StringBuilder(key.Length);
        foreach (var letter in key)
            // A doubled letter is spelled single as often as not ("Алла"/"Ala"); keeping one makes both meet.
            if (letter is >= 'a' and <= 'z' && (letters.Length == 0 || letters[^1] != letter)) letters.Append(letter);
        return letters.ToString();
    }

    /// <summary>The keys of each word of what was typed (hyphens and spaces separate words).</summary>
    public static IReadOnlyList<string> WordKeys(string? typed) =>
        (typed ?? "").Split([' ', '-', ',', '.'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Key).Where(key => key.Length > 0).Distinct().ToList();

    /// <summary>Whether every typed word begins one of the name's words.</summary>
    public static bool Matches(IReadOnlyList<string> typedWordKeys, IEnumerable<string?> nameParts)
    {
        var words = nameParts.SelectMany(part => WordKeys(part)).ToList();
        return typedWordKeys.Count > 0 && typedWordKeys.All(typed => words.Any(word => word.StartsWith(typed, StringComparison.Ordinal)));
    }

    [GeneratedRegex("([aeiou])ie")]
    private static partial Regex VowelGlide();

    private static char WithoutMarks(char letter)
    {
        var decomposed = letter.ToString().Normalize(NormalizationForm.FormD);
        return decomposed.FirstOrDefault(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark);
    }
}
