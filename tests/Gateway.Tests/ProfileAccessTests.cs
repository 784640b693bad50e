using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.IntegrationEvents;
using Platform.Contracts.Territory;
using Platform.Gateway.Profiles;
using Platform.Gateway.Staff;
using static Platform.Gateway.Tests.StaffGateway;

namespace Platform.Gateway.Tests;

/// <summary>
/// Staff reading children's profiles over the HTTP JSON API of a real Gateway (its own PostgreSQL database):
/// object-level authorization across territories, data exposure per role, break-glass, and the audit of each read.
/// </summary>
[Collection(GatewayOnSharedBroker.Name)]
public sealed class ProfileAccessTests
{
    private const string Child = "150315501231";

    private static async Task<StaffGateway> GatewayWithChildInAlmatyAsync()
    {
        var gateway = await StartAsync();
        await gateway.CreateAccountAsync("member.almaty", StaffRole.CommissionMember, StaffScope.Commission(CommissionLevel.Region, Kato.Parse("750000000")));
        await gateway.CreateAccountAsync("secretary.astana", StaffRole.CommissionSecretary, StaffScope.Commission(CommissionLevel.District, Kato.Parse("711210000")));
        await gateway.CreateAccountAsync("analyst.one", StaffRole.ProjectOfficeAnalyst);
        await gateway.CreateAccountAsync("admin.one", StaffRole.Administrator);
        await gateway.Services.GetRequiredService<ProfileProjection>().ApplyAsync(
        [
            ProfileProjectionTests.Event(new DiagnosisRecorded { Icd10 = "F84.0", DispensaryRegistration = true }, SourceAgencies.Health, "med-1", 1, "Абаев"),
            ProfileProjectionTests.Event(new EnrolmentRecorded { OrganizationType = "School", Form = "Inclusive", Grade = 3, StartDate = new DateOnly(2026, 9, 1) },
                SourceAgencies.Education, "edu-1", 1, "Абаев"),
        ], CancellationToken.None);
        return gateway;
    }

    [Fact]
    public async Task Commission_staff_read_their_territory_open_another_only_by_break_glass_and_other_roles_not_at_all()
    {
        await using var gateway = await GatewayWithChildInAlmatyAsync();
        using var anonymous = gateway.Browser();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/children/{Child}")).StatusCode);

        using var member = await gateway.SignedInAsync("member.almaty");
        using var profile = await member.GetAsync($"/api/children/{Child}?purpose=case%20preparation");
        var body = await profile.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.DoesNotContain("F84", body);
        Assert.Contains("\"diagnosisCategory\":\"mental\"", body);
        Assert.False(JsonDocument.Parse(body).RootElement.GetProperty("openedByBreakGlass").GetBoolean());

        using var secretary = await gateway.SignedInAsync("secretary.astana");
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.GetAsync($"/api/children/{Child}")).StatusCode);
        using var breakGlass = await secretary.GetAsync($"/api/children/{Child}?breakGlassReason=urgent%20hearing%2C%20child%20moved%20to%20Astana");
        Assert.Equal(HttpStatusCode.OK, breakGlass.StatusCode);
        Assert.True((await breakGlass.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("openedByBreakGlass").GetBoolean());

        using var analyst = await gateway.SignedInAsync("analyst.one");
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync($"/api/children/{Child}?breakGlassReason=curious")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await member.GetAsync("/api/children/150315501232")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync("/api/children/210627518305")).StatusCode);

        using var admin = await gateway.SignedInAsync("admin.one");
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync($"/api/children/{Child}")).StatusCode);
        var accesses = await admin.GetFromJsonAsync<JsonElement>($"/api/audit/children/{Child}");
        var who = accesses.EnumerateArray().Select(a => (a.GetProperty("actor").GetProperty("id").GetString(), a.GetProperty("outcome").GetInt32())).ToList();
        Assert.Contains(("member.almaty", 0), who);
        Assert.Contains(("secretary.astana", 0), who);
        Assert.Contains(("secretary.astana", 1), who);
        Assert.Contains(("analyst.one", 1), who);
        var flagged = await admin.GetFromJsonAsync<JsonElement>("/api/audit/flagged");
        var review = Assert.Single(flagged.EnumerateArray());
        Assert.Equal("secretary.astana", review.GetProperty("actor").GetProperty("id").GetString());
        Assert.Equal("urgent hearing, child moved to Astana", review.GetProperty("breakGlassReason").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.GetAsync("/api/audit/flagged")).StatusCode);
    }

    [Fact]
    public async Task Search_stays_within_the_callers_territory_and_the_api_is_described_by_openapi()
    {
        await using var gateway = await GatewayWithChildInAlmatyAsync();
        using var member = await gateway.SignedInAsync("member.almaty");
        using var secretary = await gateway.SignedInAsync("secretary.astana");

        var found = await member.GetFromJsonAsync<JsonElement>("/api/children?kato=751110000&minAge=5&maxAge=17");
        Assert.Equal(Child, Assert.Single(found.GetProperty("children").EnumerateArray()).GetProperty("iin").GetString());
        Assert.Empty((await member.GetFromJsonAsync<JsonElement>("/api/children?minAge=15")).GetProperty("children").EnumerateArray());
        Assert.Empty((await secretary.GetFromJsonAsync<JsonElement>("/api/children")).GetProperty("children").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await secretary.GetAsync("/api/children?kato=750000000")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await member.GetAsync("/api/children?signal=no-such-signal")).StatusCode);

        using var openApi = await gateway.Browser().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        Assert.Contains("/api/children/{iin}", await openApi.Content.ReadAsStringAsync());
    }
}
