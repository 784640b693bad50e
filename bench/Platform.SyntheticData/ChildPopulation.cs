using Platform.Contracts.Identity;
using Platform.Contracts.Territory;

namespace Platform.SyntheticData;

public sealed record SyntheticChild(Iin Iin, string LastName, string FirstName, string Patronymic, Kato Kato, int FamilyId)
{
    public int AgeOn(DateOnly date) => Iin.AgeOn(date);
}

/// <summary>Children spread over the 20 regions roughly as the published child population is, grouped in families.</summary>
public static class ChildPopulation
{
    // Approximate children under 18 per region, thousands (2024): the weights, not exact figures.
    private static readonly Dictionary<string, int> ChildrenPerRegion = new()
    {
        ["10"] = 170, ["11"] = 200, ["15"] = 330, ["19"] = 550, ["23"] = 260, ["27"] = 220, ["31"] = 450, ["33"] = 210,
        ["35"] = 330, ["39"] = 170, ["43"] = 330, ["47"] = 300, ["55"] = 180, ["59"] = 110, ["61"] = 850, ["62"] = 60,
        ["63"] = 210, ["71"] = 450, ["75"] = 600, ["79"] = 450,
    };

    // Share of families with Kazakh names, roughly by region (the north and east have more Russian names).
    private static double KazakhShare(string region) => region switch
    {
        "11" or "39" or "55" or "59" or "63" or "35" => 0.55,
        "71" or "75" => 0.75,
        _ => 0.9,
    };

    /// <summary>The share of families a focus district gets, so a demo's district commission has cases to work on.</summary>
    public const int FocusEveryNthFamily = 20;

    /// <param name="focusDistrict">When given, every <see cref="FocusEveryNthFamily"/>th family lives there; the rest stay as drawn.</param>
    public static IEnumerable<SyntheticChild> Generate(int count, int seed, DateOnly today, Kato? focusDistrict = null)
    {
        var random = new Random(seed);
        var regions = ChildrenPerRegion.Keys.ToArray();
        var cumulative = ChildrenPerRegion.Values.Select((_, i) => ChildrenPerRegion.Values.Take(i + 1).Sum()).ToArray();
        var issued = new HashSet<string>();
        var produced = 0;
        var familyId = 0;
        while (produced < count)
        {
            var pick = random.Next(cumulative[^1]);
            var region = regions[Array.FindIndex(cumulative, c => pick < c)];
            var family = Names.NewFamily(random, KazakhShare(region));
            // Shaped as a real city or rural district's code (Astana's Almaty district is 711210000), so that the demo's
            // district commissions find children of their own.
            var kato = Kato.Parse($"{region}{random.Next(11, 40):00}10000");
            familyId++;
            if (focusDistrict is { } focus && familyId % FocusEveryNthFamily == 0) kato = focus;
            var children = 1 + (random.NextDouble() < 0.55 ? 1 : 0) + (random.NextDouble() < 0.3 ? 1 : 0) + (random.NextDouble() < 0.12 ? 1 : 0);
            for (var c = 0; c < children && produced < count; c++)
            {
                var sex = random.Next(2) == 0 ? Sex.Male : Sex.Female;
                var birthDate = today.AddDays(-random.Next(1, 18 * 365 - 2));
                if (NewIin(birthDate, sex, random, issued) is not { } iin) continue;
                var (last, first, patronymic) = Names.ChildOf(family, sex, random);
                produced++;
                yield return new SyntheticChild(iin, last, first, patronymic, kato, familyId);
            }
        }
    }

    private static Iin? NewIin(DateOnly birthDate, Sex sex, Random random, HashSet<string> issued)
    {
        var centuryDigit = (birthDate.Year >= 2000 ? 5 : 3) + (sex == Sex.Female ? 1 : 0);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var digits = $"{birthDate:yyMMdd}{centuryDigit}{random.Next(0, 10000):0000}".Select(ch => ch - '0').ToArray();
            if (Iin.ComputeCheckDigit(digits) is not { } check) continue;
            var text = string.Concat(digits) + check;
            if (issued.Add(text)) return Iin.Parse(text);
        }
        return null;
    }
}
