using System.Security.Cryptography;
using Platform.Contracts.Territory;

namespace Platform.Gateway.Staff;

/// <summary>
/// In Development, when there is no account yet, creates one per role so the web side can be tried at once. They
/// all get <c>Staff:SeedPassword</c>, or a generated password written once to the log. Runs after the migrations
/// (hosted services start in the order they were added).
/// </summary>
internal sealed class DevelopmentStaffSeed(
    StaffAccountStore accounts, StaffPasswordHasher hasher, IConfiguration configuration, ILogger<DevelopmentStaffSeed> logger) : IHostedService
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
        if (string.IsNullOrEmpty(configured))
            logger.LogWarning("Development staff accounts created ({UserNames}) with the generated password {Password}; it is not shown again",
                string.Join(", ", Accounts.Select(a => a.UserName)), password);
        else
            logger.LogInformation("Development staff accounts created ({UserNames}) with Staff:SeedPassword", string.Join(", ", Accounts.Select(a => a.UserName)));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string RandomPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
}
