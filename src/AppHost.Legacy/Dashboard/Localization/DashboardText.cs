using Platform.Contracts.Localization;

namespace Platform.AppHost.Dashboard.Localization;

/// <summary>Every text the dashboard shows, in Russian (the default), Kazakh and English.</summary>
public sealed class DashboardText(UiLanguage language) : LocalizedText(language, "dashboard", Texts)
{
    public const string CookieName = "dashboard-lang";

    public static IReadOnlyCollection<string> Keys => Texts.Keys;

    // ru, kk, en
    private static readonly Dictionary<string, string[]> Texts = new(StringComparer.Ordinal)
    {
        ["title"] = ["Операционная панель", "Операциялық панель", "Operations dashboard"],
        ["resources"] = ["Ресурсы", "Ресурстар", "Resources"],
        ["console"] = ["Консоль", "Консоль", "Console logs"],
        ["logs"] = ["Структурированные журналы", "Құрылымдық журналдар", "Structured logs"],
        ["traces"] = ["Трассировки", "Трассалар", "Traces"],
        ["metrics"] = ["Метрики", "Метрикалар", "Metrics"],
        ["sign-out"] = ["Выйти", "Шығу", "Sign out"],
        ["sign-in"] = ["Вход", "Кіру", "Sign in"],
        ["token"] = ["Токен (напечатан AppHost при запуске)", "Токен (AppHost іске қосқанда басып шығарады)", "Token (printed by the AppHost at start)"],
        ["token-wrong"] = ["Неверный токен.", "Токен қате.", "Wrong token."],
        ["name"] = ["Имя", "Атауы", "Name"],
        ["type"] = ["Тип", "Түрі", "Type"],
        ["state"] = ["Состояние", "Күйі", "State"],
        ["health"] = ["Здоровье", "Денсаулық", "Health"],
        ["endpoints"] = ["Адреса", "Мекенжайлар", "Endpoints"],
        ["started"] = ["Запущен", "Іске қосылды", "Started"],
        ["details"] = ["Подробности", "Толығырақ", "Details"],
        ["environment"] = ["Переменные окружения", "Орта айнымалылары", "Environment"],
        ["restart"] = ["Перезапустить", "Қайта іске қосу", "Restart"],
        ["download"] = ["Скачать", "Жүктеп алу", "Download"],
        ["resource"] = ["Ресурс", "Ресурс", "Resource"],
        ["all"] = ["Все", "Барлығы", "All"],
        ["level"] = ["Уровень", "Деңгей", "Level"],
        ["text"] = ["Текст", "Мәтін", "Text"],
        ["trace-id"] = ["ID трассировки", "Трасса ID", "Trace id"],
        ["attribute"] = ["Атрибут (ключ=значение или текст)", "Атрибут (кілт=мән немесе мәтін)", "Attribute (key=value or text)"],
        ["filter"] = ["Применить", "Қолдану", "Apply"],
        ["time"] = ["Время", "Уақыт", "Time"],
        ["message"] = ["Сообщение", "Хабарлама", "Message"],
        ["duration"] = ["Длительность", "Ұзақтығы", "Duration"],
        ["min-duration"] = ["Мин. длительность, мс", "Ең аз ұзақтығы, мс", "Min duration, ms"],
        ["spans"] = ["Спаны", "Спандар", "Spans"],
        ["errors"] = ["Ошибки", "Қателер", "Errors"],
        ["trace"] = ["Трассировка", "Трасса", "Trace"],
        ["trace-logs"] = ["Журналы этой трассировки", "Осы трассаның журналдары", "Logs of this trace"],
        ["attributes"] = ["Атрибуты", "Атрибуттар", "Attributes"],
        ["events"] = ["События", "Оқиғалар", "Events"],
        ["nothing"] = ["Пока ничего нет.", "Әзірге ештеңе жоқ.", "Nothing yet."],
        ["not-found"] = ["Не найдено.", "Табылмады.", "Not found."],
        ["instrument"] = ["Инструмент", "Құрал", "Instrument"],
        ["unit"] = ["Единица", "Бірлік", "Unit"],
        ["description"] = ["Описание", "Сипаттама", "Description"],
        ["rate"] = ["в секунду", "секундына", "per second"],
        ["average"] = ["среднее", "орташа", "average"],
        ["value"] = ["значение", "мән", "value"],
        ["live"] = ["Обновляется автоматически", "Автоматты түрде жаңартылады", "Updates live"],
    };
}
