using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Platform.Audit;
using Platform.Contracts.IntegrationEvents;
using Platform.Gateway.Profiles;
using static Platform.Gateway.Tests.StaffGateway;

namespace Platform.Gateway.Tests.Children;

public sealed class ChildPagesTests
{
    private const string Child = "150315501231";
    private const string BirthDate = "2015-03-15";

    /// <summary>
    /// A child of Almaty reported as «Абаев» by health and "Abaev" by education, rehabilitated by health and social
    /// protection at once, with a diagnosis, and an injury first reported as suspected abuse and then corrected.
    /// </summary>
    private static async Task<StaffGateway> ArrangeAsync()
    {
        var gateway = await StartWithTwoCommissionsAsync();
        var projection = gateway.Services.GetRequiredService<ProfileProjection>();
        await projection.ApplyAsync([
            ProfileProjectionTests.Event(new RehabilitationCourseRecorded
            {
                System = "health", CourseType = "MedicalRehabilitation", StartDate = new(2025, 1, 10), EndDate = new(2025, 6, 30),
            }, SourceAgencies.Health, "rehab-1", 1, "Абаев"),
            ProfileProjectionTests.Event(new DiagnosisRecorded { Icd10 = "F84.0", DispensaryRegistration = true }, SourceAgencies.Health, "dx-1", 1, "Абаев"),
            ProfileProjectionTests.Event(new InjuryRecorded { Icd10 = "S52.5", SuspectedAbuse = true }, SourceAgencies.Health, "inj-1", 1, "Абаев"),
            ProfileProjectionTests.Event(new SocialServiceRecorded
            {
                ServiceType = "SocialRehabilitation", StartDate = new(2025, 3, 1), EndDate = new(2025, 4, 30),
            }, SourceAgencies.Social, "srv-1", 1, "Абаев"),
            ProfileProjectionTests.Event(new EnrolmentRecorded
            {
                OrganizationType = "School", Form = "Inclusive", Grade = 4, StartDate = new(2022, 9, 1),
            }, SourceAgencies.Education, "enr-1", 1, "Abaev"),
        ], CancellationToken.None);
        await projection.ApplyAsync([
            ProfileProjectionTests.Event(new InjuryRecorded { Icd10 = "S52.5", SuspectedAbuse = false }, SourceAgencies.Health, "inj-1", 2, "Абаев"),
        ], CancellationToken.None);
        return gateway;
    }

    private static async Task<string> PageAsync(HttpClient browser, string path) => await (await browser.GetAsync(path)).Content.ReadAsStringAsync();

    [Fact]
    public async Task A_secretary_finds_the_child_by_iin_or_by_name_in_any_spelling_within_her_territory()
    {
        await using var gateway = await ArrangeAsync();
        var secretary = await gateway.SignedInAsync("secretary.almaty");

        var byIin = await secretary.GetAsync($"/children?iin=%20{Child}%20");
        Assert.Equal(HttpStatusCode.Redirect, byIin.StatusCode);
        Assert.Equal($"/children/{Child}", byIin.Headers.Location!.OriginalString);
        foreach (var spelling in new[] { "abaev", "Абаев", "ABAYEV" })
            Assert.Contains($"data-iin=\"{Child}\"", await PageAsync(secretary, $"/children?name={Uri.EscapeDataString(spelling)}&birthDate={BirthDate}"));
        Assert.Contains("id=\"nothing-found\"", await PageAsync(secretary, $"/children?name=abaev&birthDate=2015-03-16"));
        Assert.Contains("id=\"nothing-found\"", await PageAsync(secretary, $"/children?name=abaeva&birthDate={BirthDate}"));

        var withoutDate = await secretary.GetAsync("/children?name=abaev");
        Assert.Equal(HttpStatusCode.BadRequest, withoutDate.StatusCode);
        Assert.Contains("укажите дату рождения", await withoutDate.Content.ReadAsStringAsync());
        var badIin = await secretary.GetAsync("/children?iin=150315501232");
        Assert.Equal(HttpStatusCode.BadRequest, badIin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await secretary.GetAsync("/children/210627518305")).StatusCode);

        // Another commission's search does not list the child: names outside the territory are not the searcher's to see.
        var astana = await gateway.SignedInAsync("secretary.astana");
        Assert.Contains("id=\"nothing-found\"", await PageAsync(astana, $"/children?name=abaev&birthDate={BirthDate}"));
        var analyst = await gateway.SignedInAsync("analyst.one");
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync($"/children?name=abaev&birthDate={BirthDate}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync($"/children/{Child}")).StatusCode);
    }

    [Fact]
    public async Task The_childs_page_shows_disagreeing_identities_signals_with_evidence_the_route_and_the_cases()
    {
        await using var gateway = await ArrangeAsync();
        var secretary = await gateway.SignedInAsync("secretary.almaty");

        var page = await PageAsync(secretary, $"/children/{Child}?lang=ru");
        Assert.Contains("<td class=\"differs\">Абаев</td>", page);
        Assert.Contains("<td class=\"differs\">Abaev</td>", page);
        Assert.Contains("id=\"identity-disagrees\"", page);
        Assert.Contains("data-signal=\"rehabilitation-duplicated\" data-state=\"open\"", page);
        Assert.Contains("data-signal=\"violence-suspected\" data-state=\"cleared\"", page);
        Assert.Contains("href=\"#record-health-rehab-1\"", page);
        Assert.Contains("id=\"record-health-rehab-1\"", page);
        // Diagnoses reach a commission as their categories.
        Assert.Contains("data-field=\"diagnosisCategory\"", page);
        Assert.DoesNotContain("F84.0", page);
        Assert.Contains("id=\"route-chart\"", page);
        Assert.Contains("class=\"overlap\" data-health=\"health/rehab-1\" data-social=\"social/srv-1\"", page);
        Assert.Contains("data-record=\"education/enr-1\"", page);
        Assert.Contains("id=\"route-gaps\"", page);
        Assert.Contains("id=\"no-cases\"", page);

        var opened = await SubmitAsync(secretary, $"/children/{Child}", "/cases", ("iin", Child), ("signal", "rehabilitation-duplicated"));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        page = await PageAsync(secretary, $"/children/{Child}");
        Assert.Contains("<tr data-case=\"1/", page);
        Assert.DoesNotContain("id=\"open-case\"", page);
        Assert.Contains("Rehabilitation in two systems at once", await PageAsync(secretary, $"/children/{Child}?lang=en"));
        Assert.Contains("Баланың маршруты", await PageAsync(secretary, $"/children/{Child}?lang=kk"));
    }

    [Fact]
    public async Task Outside_its_territory_a_commission_opens_the_child_only_with_a_reason_which_is_flagged_for_review()
    {
        await using var gateway = await ArrangeAsync();
        var almaty = await gateway.SignedInAsync("secretary.almaty");
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(almaty, $"/children/{Child}", "/cases", ("iin", Child), ("reason", "Сообщение школы"))).StatusCode);
        var astana = await gateway.SignedInAsync("secretary.astana");

        var refused = await astana.GetAsync($"/children/{Child}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var form = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"break-glass\"", form);
        Assert.DoesNotContain("Абаев", form);
        // The refusal page carries the break-glass form; its antiforgery token is the session's, read here from the home page.
        var withoutReason = await SubmitAsync(astana, "/", $"/children/{Child}", ("reason", "  "));
        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        Assert.DoesNotContain("Абаев", await withoutReason.Content.ReadAsStringAsync());

        var opened = await SubmitAsync(astana, "/", $"/children/{Child}", ("reason", "Ребёнок доставлен в приёмный покой Астаны"));
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var page = await opened.Content.ReadAsStringAsync();
        Assert.Contains("id=\"opened-by-break-glass\"", page);
        Assert.Contains("Абаев", page);
        // Almaty's case stays Almaty's, and a case is not opened from a page opened by break-glass.
        Assert.Contains("id=\"no-cases\"", page);
        Assert.DoesNotContain("id=\"open-case\"", page);

        var flagged = await gateway.Services.GetRequiredService<AuditQueries>().FlaggedForReviewAsync(10, null, CancellationToken.None);
        var review = Assert.Single(flagged);
        Assert.Equal(("secretary.astana", Child, "Ребёнок доставлен в приёмный покой Астаны"), (review.Actor.Id, review.SubjectIin, review.BreakGlassReason));
    }
}
