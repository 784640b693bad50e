using Platform.Contracts.Localization;

namespace Platform.Gateway.Web;

/// <summary>Every text the staff pages show, in Russian (the default), Kazakh and English.</summary>
public sealed class WebText(UiLanguage language) : LocalizedText(language, "web", Texts)
{
    public const string CookieName = "gateway-lang";

    public static IReadOnlyCollection<string> Keys => Texts.Keys;

    // ru, kk, en
    private static readonly Dictionary<string, string[]> Texts = new(StringComparer.Ordinal)
    {
        ["title"] = ["Рабочее место КДНЗП", "КДНЗП жұмыс орны", "Commission workspace"],
        ["home"] = ["Главная", "Басты бет", "Home"],
        ["accounts"] = ["Учётные записи", "Есептік жазбалар", "Accounts"],
        ["sign-in"] = ["Войти", "Кіру", "Sign in"],
        ["sign-out"] = ["Выйти", "Шығу", "Sign out"],
        ["user-name"] = ["Имя пользователя", "Пайдаланушы аты", "User name"],
        ["password"] = ["Пароль", "Құпиясөз", "Password"],
        ["sign-in-failed"] = [
            "Неверное имя пользователя или пароль, либо вход временно невозможен.",
            "Пайдаланушы аты немесе құпиясөз қате, не кіру уақытша мүмкін емес.",
            "Wrong user name or password, or signing in is not possible right now."],
        ["workspace-placeholder"] = [
            "Рабочее пространство комиссии появится здесь в следующих версиях.",
            "Комиссияның жұмыс кеңістігі келесі нұсқаларда осында пайда болады.",
            "The commission's workspace will appear here in a later version."],
        ["display-name"] = ["ФИО", "Аты-жөні", "Full name"],
        ["role"] = ["Роль", "Рөл", "Role"],
        ["territory"] = ["Территория", "Аумақ", "Territory"],
        ["national"] = ["Вся республика", "Бүкіл республика", "Whole country"],
        ["commission-level"] = ["Уровень комиссии", "Комиссия деңгейі", "Commission level"],
        ["territory-kato"] = ["Код КАТО территории комиссии", "Комиссия аумағының КАТО коды", "KATO code of the commission's territory"],
        ["none"] = ["—", "—", "—"],
        ["role-commission_secretary"] = ["Секретарь КДНЗП", "КДНЗП хатшысы", "Commission secretary"],
        ["role-commission_member"] = ["Член КДНЗП", "КДНЗП мүшесі", "Commission member"],
        ["role-project_office_analyst"] = ["Аналитик Проектного офиса", "Жобалық кеңсе талдаушысы", "Project Office analyst"],
        ["role-operator"] = ["Оператор", "Оператор", "Operator"],
        ["role-administrator"] = ["Администратор", "Әкімші", "Administrator"],
        ["level-district"] = ["районная", "аудандық", "district"],
        ["level-city"] = ["городская", "қалалық", "city"],
        ["level-region"] = ["областная", "облыстық", "regional"],
        ["state"] = ["Состояние", "Күйі", "State"],
        ["active"] = ["Активна", "Белсенді", "Active"],
        ["disabled"] = ["Отключена", "Өшірілген", "Disabled"],
        ["locked-until"] = ["Заблокирована до", "Бұғатталған мерзімі", "Locked until"],
        ["updated"] = ["Изменена", "Өзгертілді", "Updated"],
        ["new-account"] = ["Новая учётная запись", "Жаңа есептік жазба", "New account"],
        ["initial-password"] = ["Начальный пароль", "Бастапқы құпиясөз", "Initial password"],
        ["create"] = ["Создать", "Құру", "Create"],
        ["new-password"] = ["Новый пароль", "Жаңа құпиясөз", "New password"],
        ["reset-password"] = ["Сменить пароль", "Құпиясөзді ауыстыру", "Reset password"],
        ["disable"] = ["Отключить", "Өшіру", "Disable"],
        ["enable"] = ["Включить", "Қосу", "Enable"],
        ["unlock"] = ["Разблокировать", "Бұғаттан шығару", "Unlock"],
        ["saved"] = ["Сохранено.", "Сақталды.", "Saved."],
        ["forbidden"] = ["Доступ запрещён", "Кіруге тыйым салынған", "Access denied"],
        ["not-found"] = ["Не найдено.", "Табылмады.", "Not found."],
        ["problem-UserNameInvalid"] = [
            "Имя пользователя: от 3 до 64 латинских букв, цифр, точек, дефисов или подчёркиваний.",
            "Пайдаланушы аты: 3-тен 64-ке дейін латын әрпі, сан, нүкте, сызықша немесе астын сызу.",
            "User name: 3 to 64 Latin letters, digits, dots, hyphens or underscores."],
        ["problem-DisplayNameMissing"] = ["Укажите ФИО.", "Аты-жөнін көрсетіңіз.", "Enter the full name."],
        ["problem-CommissionNeedsTerritory"] = [
            "Для роли комиссии укажите уровень и код КАТО.", "Комиссия рөлі үшін деңгей мен КАТО кодын көрсетіңіз.",
            "A commission role needs a level and a KATO code."],
        ["problem-NationalRoleHasTerritory"] = [
            "Эта роль работает по всей республике: уровень и КАТО не указываются.",
            "Бұл рөл бүкіл республика бойынша жұмыс істейді: деңгей мен КАТО көрсетілмейді.",
            "This role works nationally: leave the level and KATO code empty."],
        ["problem-RoleUnknown"] = ["Неизвестная роль.", "Белгісіз рөл.", "Unknown role."],
        ["problem-TerritoryInvalid"] = ["Неверный код КАТО.", "КАТО коды қате.", "Invalid KATO code."],
        ["problem-TooShort"] = [
            "Пароль должен быть не короче 12 символов.", "Құпиясөз кемінде 12 таңбадан тұруы керек.",
            "The password must be at least 12 characters long."],
        ["problem-ContainsUserName"] = [
            "Пароль не должен содержать имя пользователя.", "Құпиясөзде пайдаланушы аты болмауы керек.",
            "The password must not contain the user name."],
        ["problem-CannotDisableSelf"] = [
            "Нельзя отключить собственную учётную запись.", "Өз есептік жазбаңызды өшіруге болмайды.", "You cannot disable your own account."],
        ["problem-UserNameTaken"] = ["Это имя пользователя уже занято.", "Бұл пайдаланушы аты бос емес.", "This user name is taken."],
    };
}
