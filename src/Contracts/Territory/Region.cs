namespace Platform.Contracts.Territory;

/// <summary>A first-level territorial unit: one of 17 regions or 3 cities of republican significance.</summary>
public sealed record Region(string KatoPrefix, string NameRu, string NameKk, string NameEn, bool IsCityOfRepublicanSignificance)
{
    /// <summary>The region's own КАТО code: its two-digit prefix followed by zeros.</summary>
    public Kato Code => Kato.Parse(KatoPrefix + "0000000");

    public static IReadOnlyList<Region> All { get; } =
    [
        new("10", "Абайская область", "Абай облысы", "Abai Region", false),
        new("11", "Акмолинская область", "Ақмола облысы", "Akmola Region", false),
        new("15", "Актюбинская область", "Ақтөбе облысы", "Aktobe Region", false),
        new("19", "Алматинская область", "Алматы облысы", "Almaty Region", false),
        new("23", "Атырауская область", "Атырау облысы", "Atyrau Region", false),
        new("27", "Западно-Казахстанская область", "Батыс Қазақстан облысы", "West Kazakhstan Region", false),
        new("31", "Жамбылская область", "Жамбыл облысы", "Zhambyl Region", false),
        new("33", "Область Жетісу", "Жетісу облысы", "Zhetysu Region", false),
        new("35", "Карагандинская область", "Қарағанды облысы", "Karaganda Region", false),
        new("39", "Костанайская область", "Қостанай облысы", "Kostanay Region", false),
        new("43", "Кызылординская область", "Қызылорда облысы", "Kyzylorda Region", false),
        new("47", "Мангистауская область", "Маңғыстау облысы", "Mangystau Region", false),
        new("55", "Павлодарская область", "Павлодар облысы", "Pavlodar Region", false),
        new("59", "Северо-Казахстанская область", "Солтүстік Қазақстан облысы", "North Kazakhstan Region", false),
        new("61", "Туркестанская область", "Түркістан облысы", "Turkistan Region", false),
        new("62", "Область Ұлытау", "Ұлытау облысы", "Ulytau Region", false),
        new("63", "Восточно-Казахстанская область", "Шығыс Қазақстан облысы", "East Kazakhstan Region", false),
        new("71", "город Астана", "Астана қаласы", "Astana", true),
        new("75", "город Алматы", "Алматы қаласы", "Almaty", true),
        new("79", "город Шымкент", "Шымкент қаласы", "Shymkent", true),
    ];

    public static Region? ByPrefix(string prefix) => All.FirstOrDefault(r => r.KatoPrefix == prefix);
}
