using System.Security.Cryptography;
using Platform.Audit;
using Platform.Contracts.Territory;
using Platform.Gateway.Cases;
using Platform.Gateway.Cases.Sessions;

namespace Platform.Gateway.Staff;

/// <summary>
/// In Development, when there is no account yet, creates one per role so the web side can be tried at once. They
/// all get <c>Staff:SeedPassword</c>, or a generated password written once to the log. Runs after the migrations
/// (hosted services start in the order they were added).
/// </summary>
internal sealed class DevelopmentStaffSeed(
    StaffAccountStore accounts, StaffPasswordHasher hasher, CommissionComposition composition, IConfiguration configuration,
    ILogger<DevelopmentStaffSeed> logger) : IHostedService
{
    public const string Actor = "development-seed";

    public static IReadOnlyList<NewStaffAccount> Accounts { get; } =
    [
        new("admin", "Администратор платформы", StaffRole.Administrator, StaffScope.National),
        new("secretary.astana", "Секретарь районной КДНЗП (г. Астана)", StaffRole.CommissionSecretary,
            StaffScope.Commission(CommissionLevel.District, Kato.Parse("711210000"))),
        new("member.karaganda", "Член областной КДНЗП (Карагандинская область)", StaffRole.CommissionMember,
            StaffScope.Commission(CommissionLevel.Region, Kato.Parse("350000000"))),
        new("analyst", "Аналитик Проектного офиса", StaffRole.ProjectOfficeAnalyst, StaffScope.National),
        new("operator", "Оператор платформы", StaffRole.Operator, StaffScope.National),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await accounts.AnyAsync(cancellationToken)) return;
        var configured = configuration["Staff:SeedPassword"];
        var password = string.IsNullOrEmpty(configured) ? RandomPassword() : configured;
        foreach (var account in Accounts)
        {
            if (PasswordPolicy.Check(password, account.UserName) is { Count: > 0 } problems)
                throw new InvalidOperationException($"Staff:SeedPassword does not meet the password policy for '{account.UserName}': {string.Join(", ", problems)}.");
            await accounts.CreateAsync(account, hasher.Hash(password), Actor, cancellationToken);
        }
        await SeedCompositionAsync(cancellationToken);
        if (string.IsNullOrEmpty(configured))
            logger.LogWarning("Development staff accounts created ({UserNames}) with the generated password {Password}; it is not shown again",
                string.Join(", ", Accounts.Select(a => a.UserName)), password);
        else
            logger.LogInformation("Development staff accounts created ({UserNames}) with Staff:SeedPassword", string.Join(", ", Accounts.Select(a => a.UserName)));
    }

    /// <summary>The demo district commission as an akimat would appoint it: nine members, so a quorum is six.</summary>
    public static IReadOnlyList<NewMember> DemoComposition { get; } =
    [
        new(new Guid("0193a000-0000-7000-8000-000000000001"), "Жумабекова Айгуль Сериковна", "заместитель акима района", MemberRole.Chair, null),
        new(new Guid("0193a000-0000-7000-8000-000000000002"), "Ахметов Ерлан Бауыржанович", "руководитель отдела образования", MemberRole.DeputyChair, null),
        new(new Guid("0193a000-0000-7000-8000-000000000003"), "Секретарь районной КДНЗП", "главный специалист аппарата акима", MemberRole.Secretary, "secretary.astana"),
        new(new Guid("0193a000-0000-7000-8000-000000000004"), "Садыкова Гульнара Маратовна", "заведующая детской поликлиникой", MemberRole.Member, null),
        new(new Guid("0193a000-0000-7000-8000-000000000005"), "Ким Виктор Александрович", "начальник отдела занятости и социальных программ", MemberRole.Member, null),
        new(new Guid("0193a000-0000-7000-8000-000000000006"), "Нургалиев Асхат Кайратович", "инспектор по делам несовершеннолетних полиции", MemberRole.Member, null),
        new(new Guid("0193a000-0000-7000-8000-000000000007"), "Исмаилова Дана Ержановна", "психолог центра поддержки семьи", MemberRole.Member, null),
        new(new Guid("0193a000-0000-7000-8000-000000000008"), "Оспанов Болат Тимурович", "представитель прокуратуры района", MemberRole.Member, null),
        new(new Guid("0193a000-0000-7000-8000-000000000009"), "Петрова Елена Викторовна", "председатель общественного объединения", MemberRole.Member, null),
    ];

    private async Task SeedCompositionAsync(CancellationToken cancellationToken)
    {
        var secretary = Accounts.First(account => account.Role == StaffRole.CommissionSecretary);
        var actor = new CaseActor(new AuditActor(Actor, AuditActorKind.StaffUser, secretary.Role.Code, secretary.Scope.Code), secretary.Scope.Territory!.Value, ClientAddress: null);
        foreach (var member in DemoComposition) await composition.AddAsync(member, actor, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string RandomPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
}
