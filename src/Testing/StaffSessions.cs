using System.Net;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace Platform.Testing;

/// <summary>Signs in to a running platform's Gateway as one of its development staff accounts, through the form, as a browser would.</summary>
public static partial class StaffSessions
{
    /// <summary>A client holding the session cookie of <paramref name="userName"/> (admin, secretary.astana, operator, ...).</summary>
    public static async Task<HttpClient> SignInStaffAsync(this DistributedApplication app, string userName, string password = TestPlatform.StaffPassword)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = app.GetEndpoint("gateway", "http"),
        };
        var token = AntiforgeryTokenIn(await client.GetStringAsync("/signin"));
        using var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName,
            ["password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
        // The form answers a refusal with itself (401) and a sign-in with a redirect.
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            client.Dispose();
            throw new InvalidOperationException($"Signing in as {userName} failed: {(int)response.StatusCode}.");
        }
        return client;
    }

    /// <summary>The antiforgery token of the Gateway's form in <paramref name="page"/>, as a browser would post it back.</summary>
    public static string AntiforgeryTokenIn(string page) => AntiforgeryField().Match(page).Groups["token"].Value;

    /// <summary>The value of the first hidden field <paramref name="name"/> in <paramref name="page"/> (a form's own id, say).</summary>
    public static string HiddenFieldIn(string page, string name) =>
        Regex.Match(page, $"<input type=\"hidden\" name=\"{Regex.Escape(name)}\" value=\"(?<value>[^\"]*)\"").Groups["value"].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
