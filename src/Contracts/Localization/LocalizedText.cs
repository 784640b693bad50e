namespace Platform.Contracts.Localization;

/// <summary>The languages of every user interface of the platform; Russian is the default.</summary>
public enum UiLanguage { Ru, Kk, En }

public static class UiLanguages
{
    /// <summary>The language a <c>?lang=</c> value or a cookie names; anything else is Russian.</summary>
    public static UiLanguage Parse(string? code) => code?.ToLowerInvariant() switch
    {
        "kk" => UiLanguage.Kk,
        "en" => UiLanguage.En,
        _ => UiLanguage.Ru,
    };

    public static string Code(this UiLanguage language) => language.ToString().ToLowerInvariant();
}

/// <summary>One user interface's texts, each key in Russian, Kazakh and English (in that order), read in one language.</summary>
public abstract class LocalizedText(UiLanguage language, string interfaceName, IReadOnlyDictionary<string, string[]> texts)
{
    public UiLanguage Language { get; } = language;

    public string Code => Language.Code();

    public string this[string key] =>
        texts.TryGetValue(key, out var translations) ? translations[(int)Language] : throw new KeyNotFoundException($"No {interfaceName} text '{key}'.");
}
