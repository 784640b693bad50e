using Platform.Contracts.Territory;
using Platform.Gateway.Staff;
using static Platform.Gateway.Web.Html;

namespace Platform.Gateway.Web;

/// <summary>The administrator's pages: list, create, reset password, disable or enable, unlock.</summary>
internal static class AccountAdminPages
{
    public const string ListPath = "/staff/accounts";

    public static void MapAccountAdminPages(this RouteGroupBuilder pages)
    {
        var admin = pages.MapGroup(ListPath).RequireAuthorization(StaffWebExtensions.ManageAccountsPolicy);

        admin.MapGet("", async (HttpContext http, StaffAccountStore accounts) =>
            WebRequest.Html(List(WebRequest.For(http), await accounts.ListAsync(http.RequestAborted))));

        admin.MapGet("/new", (HttpContext http) => WebRequest.Html(NewForm(WebRequest.For(http), [], null)));

        admin.MapPost("", async (HttpContext http, StaffAccountStore accounts, StaffPasswordHasher hasher) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var request = WebRequest.For(http);
            var (account, problems) = ReadNewAccount(form);
            if (account is not null) problems = [.. problems, .. PasswordProblems(form["password"].ToString(), account.UserName)];
            if (account is null || problems.Count > 0)
                return WebRequest.Html(NewForm(request, problems, form), StatusCodes.Status400BadRequest);
            var id = await accounts.CreateAsync(account, hasher.Hash(form["password"].ToString()), Actor(http), http.RequestAborted);
            return id is { } created
                ? Saved(created)
                : WebRequest.Html(NewForm(request, ["problem-UserNameTaken"], form), StatusCodes.Status409Conflict);
        });

        admin.MapGet("/{id:guid}", async (HttpContext http, Guid id, StaffAccountStore accounts, TimeProvider time, bool saved = false) =>
        {
            var request = WebRequest.For(http);
            return await accounts.GetAsync(id, http.RequestAborted) is { } account
                ? WebRequest.Html(Details(request, account, time.GetUtcNow(), saved ? [] : null))
                : WebRequest.Html(Layout.Page(request, request.Text["not-found"], ""), StatusCodes.Status404NotFound);
        });

        admin.MapPost("/{id:guid}/password", async (HttpContext http, Guid id, StaffAccountStore accounts, StaffPasswordHasher hasher, TimeProvider time) =>
        {
            var password = (await http.Request.ReadFormAsync(http.RequestAborted))["password"].ToString();
            if (await accounts.GetAsync(id, http.RequestAborted) is not { } account) return Results.NotFound();
            var problems = PasswordProblems(password, account.UserName);
            if (problems.Count > 0)
                return WebRequest.Html(Details(WebRequest.For(http), account, time.GetUtcNow(), problems), StatusCodes.Status400BadRequest);
            await accounts.SetPasswordAsync(id, hasher.Hash(password), Actor(http), http.RequestAborted);
            return Saved(id);
        });

        admin.MapPost("/{id:guid}/disable", async (HttpContext http, Guid id, StaffAccountStore accounts, TimeProvider time) =>
        {
            // The last administrator disabling themselves would leave nobody to undo it.
            if (id == StaffUser.From(http.User)!.Id && await accounts.GetAsync(id, http.RequestAborted) is { } self)
                return WebRequest.Html(Details(WebRequest.For(http), self, time.GetUtcNow(), ["problem-CannotDisableSelf"]), StatusCodes.Status400BadRequest);
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

    private static string Problems(WebText text, IReadOnlyList<string>? problems) => problems switch
    {
        null => "",
        [] => $"<p class=\"ok\" id=\"saved\">{E(text["saved"])}</p>",
        _ => "<ul class=\"error\" id=\"problems\">" + string.Concat(problems.Select(p => $"<li>{E(text[p])}</li>")) + "</ul>",
    };

    private static string List(WebRequest request, IReadOnlyList<StaffAccount> accounts)
    {
        var text = request.Text;
        return Layout.Page(request, text["accounts"], $"""
            <p><a href="{ListPath}/new">{E(text["new-account"])}</a></p>
            <table id="accounts">
              <tr><th>{E(text["user-name"])}</th><th>{E(text["display-name"])}</th><th>{E(text["role"])}</th>
                  <th>{E(text["territory"])}</th><th>{E(text["state"])}</th><th>{E(text["updated"])}</th></tr>
              {string.Concat(accounts.Select(a => $"""
                  <tr data-user-name="{E(a.UserName)}"><td><a href="{ListPath}/{a.Id}">{E(a.UserName)}</a></td><td>{E(a.DisplayName)}</td>
                  <td>{E(request.RoleName(a.Role))}</td><td>{E(request.ScopeName(a.Scope))}</td>
                  <td>{E(a.Disabled ? text["disabled"] : text["active"])}</td><td>{E(Time(a.UpdatedAt))} · {E(a.UpdatedBy)}</td></tr>
                  """))}
            </table>
            """);
    }

    private static string NewForm(WebRequest request, IReadOnlyList<string> problems, IFormCollection? form)
    {
        var text = request.Text;
        string Value(string field) => E(form?[field].ToString());
        string Option(string value, string label, string field) =>
            $"<option value=\"{E(value)}\"{(form?[field].ToString() == value ? " selected" : "")}>{E(label)}</option>";
        return Layout.Page(request, text["new-account"], $"""
            {(problems.Count > 0 ? Problems(text, problems) : "")}
            <form class="stacked" method="post" action="{ListPath}">
              {request.AntiforgeryField}
              <label>{E(text["user-name"])}<input name="userName" value="{Value("userName")}" required></label>
              <label>{E(text["display-name"])}<input name="displayName" value="{Value("displayName")}" required></label>
              <label>{E(text["role"])}<select name="role">{string.Concat(StaffRole.All.Select(r => Option(r.Code, request.RoleName(r), "role")))}</select></label>
              <label>{E(text["commission-level"])}<select name="level"><option value="">{E(text["none"])}</option>{string.Concat(
                  Enum.GetValues<CommissionLevel>().Select(l => Option(l.ToString().ToLowerInvariant(), text[$"level-{l.ToString().ToLowerInvariant()}"], "level")))}</select></label>
              <label>{E(text["territory-kato"])}<input name="territory" value="{Value("territory")}" inputmode="numeric" maxlength="9"></label>
              <label>{E(text["initial-password"])}<input name="password" type="password" autocomplete="new-password" required></label>
              <button type="submit">{E(text["create"])}</button>
            </form>
            """);
    }

    private static string Details(WebRequest request, StaffAccount account, DateTimeOffset now, IReadOnlyList<string>? problems)
    {
        var text = request.Text;
        var path = $"{ListPath}/{account.Id}";
        string Action(string action, string label) =>
            $"<form class=\"inline\" method=\"post\" action=\"{path}/{action}\">{request.AntiforgeryField}<button type=\"submit\">{E(label)}</button></form>";
        return Layout.Page(request, account.UserName, $"""
            {Problems(text, problems)}
            <dl class="facts">
              <dt>{E(text["display-name"])}</dt><dd>{E(account.DisplayName)}</dd>
              <dt>{E(text["role"])}</dt><dd>{E(request.RoleName(account.Role))}</dd>
              <dt>{E(text["territory"])}</dt><dd>{E(request.ScopeName(account.Scope))}</dd>
              <dt>{E(text["state"])}</dt><dd id="state">{E(account.Disabled ? text["disabled"] : text["active"])}</dd>
              <dt>{E(text["locked-until"])}</dt><dd id="locked-until">{E(account.Lockout.IsLockedAt(now) ? Time(account.Lockout.LockedUntil!.Value) : text["none"])}</dd>
              <dt>{E(text["updated"])}</dt><dd>{E(Time(account.UpdatedAt))} · {E(account.UpdatedBy)}</dd>
            </dl>
            <form class="inline" method="post" action="{path}/password">
              {request.AntiforgeryField}
              <label>{E(text["new-password"])} <input name="password" type="password" autocomplete="new-password" required></label>
              <button type="submit">{E(text["reset-password"])}</button>
            </form>
            <div>
              {(account.Disabled ? Action("enable", text["enable"]) : Action("disable", text["disable"]))}
              {(account.Lockout.IsLockedAt(now) ? Action("unlock", text["unlock"]) : "")}
            </div>
            """);
    }
}
