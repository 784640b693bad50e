using Platform.Contracts.Territory;
using Platform.Gateway.Staff;
using Platform.Gateway.Web.Pages;
using Platform.Gateway.Web.Pages.Accounts;
using static Platform.Gateway.Web.StaffPageResults;

namespace Platform.Gateway.Web;

/// <summary>The administrator's pages: list, create, reset password, disable or enable, unlock.</summary>
internal static class AccountAdminEndpoints
{
    public const string ListPath = "/staff/accounts";

    public static void MapAccountAdminPages(this RouteGroupBuilder pages)
    {
        var admin = pages.MapGroup(ListPath).RequireAuthorization(StaffWebExtensions.ManageAccountsPolicy);

        admin.MapGet("", async (HttpContext http, StaffAccountStore accounts) =>
            Page<AccountListPage>(new { Accounts = await accounts.ListAsync(http.RequestAborted) }));

        admin.MapGet("/new", () => Page<NewAccountPage>());

        admin.MapPost("", async (HttpContext http, StaffAccountStore accounts, StaffPasswordHasher hasher) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var (account, problems) = ReadNewAccount(form);
            if (account is not null) problems = [.. problems, .. PasswordProblems(form["password"].ToString(), account.UserName)];
            if (account is null || problems.Count > 0)
                return (IResult)Page<NewAccountPage>(new { Problems = problems, Form = form }, StatusCodes.Status400BadRequest);
            var id = await accounts.CreateAsync(account, hasher.Hash(form["password"].ToString()), Actor(http), http.RequestAborted);
            return id is { } created
                ? Saved(created)
                : Page<NewAccountPage>(new { Problems = new[] { "problem-UserNameTaken" }, Form = form }, StatusCodes.Status409Conflict);
        });

        admin.MapGet("/{id:guid}", async (HttpContext http, Guid id, StaffAccountStore accounts, TimeProvider time, bool saved = false) =>
            await accounts.GetAsync(id, http.RequestAborted) is { } account
                ? (IResult)Details(account, time, saved ? [] : null)
                : Page<MessagePage>(new { TextKey = "not-found" }, StatusCodes.Status404NotFound));

        admin.MapPost("/{id:guid}/password", async (HttpContext http, Guid id, StaffAccountStore accounts, StaffPasswordHasher hasher, TimeProvider time) =>
        {
            var password = (await http.Request.ReadFormAsync(http.RequestAborted))["password"].ToString();
            if (await accounts.GetAsync(id, http.RequestAborted) is not { } account) return Results.NotFound();
            var problems = PasswordProblems(password, account.UserName);
            if (problems.Count > 0)
                return Details(account, time, problems, StatusCodes.Status400BadRequest);
            await accounts.SetPasswordAsync(id, hasher.Hash(password), Actor(http), http.RequestAborted);
            return Saved(id);
        });

        admin.MapPost("/{id:guid}/disable", async (HttpContext http, Guid id, StaffAccountStore accounts, TimeProvider time) =>
        {
            // The last administrator disabling themselves would leave nobody to undo it.
            if (id == StaffUser.From(http.User)!.Id && await accounts.GetAsync(id, http.RequestAborted) is { } self)
                return Details(self, time, ["problem-CannotDisableSelf"], StatusCodes.Status400BadRequest);
            return await accounts.SetDisabledAsync(id, disabled: true, Actor(http), http.RequestAborted) ? Saved(id) : Results.NotFound();
        });
        admin.MapPost("/{id:guid}/enable", async (HttpContext http, Guid id, StaffAccountStore accounts) =>
            await accounts.SetDisabledAsync(id, disabled: false, Actor(http), http.RequestAborted) ? Saved(id) : Results.NotFound());
        admin.MapPost("/{id:guid}/unlock", async (HttpContext http, Guid id, StaffAccountStore accounts) =>
            await accounts.UnlockAsync(id, Actor(http), http.RequestAborted) ? Saved(id) : Results.NotFound());
    }

    private static string Actor(HttpContext http) => StaffUser.From(http.User)!.UserName;

    private static IResult Saved(Guid id) => Results.Redirect($"{ListPath}/{id}?saved=true");

    private static IReadOnlyList<string> PasswordProblems(string password, string userName) =>
        PasswordPolicy.Check(password, userName).Select(p => $"problem-{p}").ToList();

    private static (NewStaffAccount? Account, IReadOnlyList<string> Problems) ReadNewAccount(IFormCollection form)
    {
        if (StaffRole.FromCode(form["role"].ToString()) is not { } role) return (null, ["problem-RoleUnknown"]);
        Kato? territory = null;
        if (form["territory"].ToString().Trim() is { Length: > 0 } katoText)
        {
            if (!Kato.TryParse(katoText, out var kato, out _)) return (null, ["problem-TerritoryInvalid"]);
            territory = kato;
        }
        CommissionLevel? level = Enum.TryParse<CommissionLevel>(form["level"].ToString(), ignoreCase: true, out var parsed) ? parsed : null;
        var account = new NewStaffAccount(form["userName"].ToString().Trim(), form["displayName"].ToString().Trim(), role, new StaffScope(level, territory));
        return (account, account.Check().Select(p => $"problem-{p}").ToList());
    }

    private static IResult Details(StaffAccount account, TimeProvider time, IReadOnlyList<string>? problems, int statusCode = StatusCodes.Status200OK) =>
        Page<AccountDetailsPage>(new { Account = account, Now = time.GetUtcNow(), Problems = problems }, statusCode);
}
