using Platform.Contracts.Identity;

namespace Platform.SyntheticData;

/// <summary>Kazakh and Russian names as they appear in agency records (Cyrillic).</summary>
internal static class Names
{
    private static readonly string[] KazakhBoys = ["Нурлан", "Алихан", "Ерасыл", "Айбек", "Данияр", "Арман", "Ерлан", "Темирлан", "Нурислам", "Бекзат", "Санжар", "Айдос", "Асылбек", "Алдияр", "Ислам", "Мирас", "Әлихан", "Іскандер"];
    private static readonly string[] KazakhGirls = ["Айгерим", "Аружан", "Жансая", "Дана", "Асель", "Томирис", "Амина", "Айару", "Медина", "Інкәр", "Аяулым", "Жасмин", "Балнур", "Гүлназ", "Мадина", "Сабина", "Әйгерім", "Назерке"];
    private static readonly string[] KazakhSurnameRoots = ["Абаев", "Ахметов", "Байжанов", "Жумабаев", "Искаков", "Касымов", "Нурланов", "Оспанов", "Сейткали", "Тулегенов", "Уалиев", "Кенжебеков", "Серіков", "Әбенов", "Мұқанов", "Есенов", "Бекмуратов", "Садыков"];
    private static readonly string[] KazakhFathers = ["Серік", "Болат", "Ерлан", "Қайрат", "Нұрлан", "Мұрат", "Асхат", "Бауыржан", "Талгат", "Дәурен", "Ержан", "Жандос"];
    private static readonly string[] RussianBoys = ["Александр", "Максим", "Артём", "Михаил", "Даниил", "Иван", "Дмитрий", "Кирилл", "Егор", "Матвей", "Никита", "Тимофей"];
    private static readonly string[] RussianGirls = ["Анастасия", "Мария", "Анна", "Виктория", "Полина", "Елизавета", "София", "Дарья", "Алиса", "Ксения", "Вероника", "Варвара"];
    private static readonly string[] RussianSurnameRoots = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков"];
    private static readonly string[] RussianFathers = ["Александр", "Сергей", "Андрей", "Алексей", "Дмитрий", "Владимир", "Евгений", "Николай", "Игорь", "Олег"];

    public sealed record Family(string SurnameRoot, string FatherName, bool IsKazakh);

    public static Family NewFamily(Random random, double kazakhShare)
    {
        var kazakh = random.NextDouble() < kazakhShare;
        return kazakh
            ? new Family(Pick(random, KazakhSurnameRoots), Pick(random, KazakhFathers), true)
            : new Family(Pick(random, RussianSurnameRoots), Pick(random, RussianFathers), false);
    }

    public static (string Last, string First, string Patronymic) ChildOf(Family family, Sex sex, Random random)
    {
        var first = (family.IsKazakh, sex) switch
        {
            (true, Sex.Male) => Pick(random, KazakhBoys),
            (true, Sex.Female) => Pick(random, KazakhGirls),
            (false, Sex.Male) => Pick(random, RussianBoys),
            _ => Pick(random, RussianGirls),
        };
        return (Surname(family.SurnameRoot, sex), first, Patronymic(family, sex));
    }

    // Russian-style surnames take -а for girls (Ахметов → Ахметова); Kazakh roots without -ов/-ев stay as they are.
    private static string Surname(string root, Sex sex) =>
        sex == Sex.Female && (root.EndsWith("ов") || root.EndsWith("ев")) ? root + "а" : root;

    private static string Patronymic(Family family, Sex sex)
    {
        if (family.IsKazakh) return family.FatherName + (sex == Sex.Male ? "ұлы" : "қызы");
        var stem = family.FatherName.EndsWith('й') ? family.FatherName[..^1] + "е" : family.FatherName + "о";
        return stem + (sex == Sex.Male ? "вич" : "вна");
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
