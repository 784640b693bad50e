using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.IntegrationEvents;
using Platform.Gateway.Profiles;
using static Platform.Gateway.Tests.StaffGateway;

namespace Platform.Gateway.Tests.Cases;

public sealed partial class WorkspacePagesTests
{
    private const string Child = "150315501231";

    /// <summary>A Gateway whose profile holds one child in Almaty with a suspected-abuse injury, and staff of two commissions.</summary>
    private static async Task<StaffGateway> ArrangeAsync()
    {
        var gateway = await StartWithTwoCommissionsAsync();
        await gateway.Services.GetRequiredService<ProfileProjection>().ApplyAsync(
            [ProfileProjectionTests.Event(new InjuryRecorded { Icd10 = "T74.1", SuspectedAbuse = true }, SourceAgencies.Health, "med-1", 1, "Абаев")],
            CancellationToken.None);
        return gateway;
    }

    [Fact]
    public async Task A_secretary_opens_a_case_from_a_new_signal_and_moves_it_on_while_a_stale_form_changes_nothing()
    {
        await using var gateway = await ArrangeAsync();
        var secretary = await gateway.SignedInAsync("secretary.almaty");

        var queue = await (await secretary.GetAsync("/?lang=ru")).Content.ReadAsStringAsync();
        Assert.Contains($"data-iin=\"{Child}\"", queue);
        Assert.Contains("Травма с подозрением на насилие", queue);
        Assert.Contains("id=\"no-open-cases\"", queue);

        var opened = await SubmitAsync(secretary, "/", "/cases", ("iin", Child), ("signal", "violence-suspected"));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var casePath = opened.Headers.Location!.OriginalString;
        var page = await (await secretary.GetAsync(casePath)).Content.ReadAsStringAsync();
        Assert.Matches(CaseHeading(), page);
        Assert.Contains("data-signal=\"violence-suspected\"", page);
        Assert.Contains("data-kind=\"opened\"", page);

        var review = await SubmitAsync(secretary, casePath, $"{casePath}/status", ("version", "1"), ("status", "under_review"), ("reason", ""));
        Assert.Equal(HttpStatusCode.Redirect, review.StatusCode);
        // The same page, posted from the tab still showing version 1, now asking to close: refused, nothing changes.
        var stale = await SubmitAsync(secretary, casePath, $"{casePath}/status", ("version", "1"), ("status", "closed"), ("reason", "Семья переехала"));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Дело изменилось, пока форма была открыта", await stale.Content.ReadAsStringAsync());
        var note = await SubmitAsync(secretary, casePath, $"{casePath}/notes", ("text", "Беседа с классным руководителем"));
        Assert.Equal(HttpStatusCode.Redirect, note.StatusCode);

        page = await (await secretary.GetAsync(casePath)).Content.ReadAsStringAsync();
        Assert.Contains("<dd data-field=\"status\">на рассмотрении</dd>", page);
        Assert.Contains("Беседа с классным руководителем", page);
        Assert.Equal(3, Regex.Matches(page, "<tr data-kind=").Count);

        queue = await (await secretary.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.DoesNotContain($"data-iin=\"{Child}\"", queue);
        Assert.Contains("id=\"open-cases\"", queue);
        Assert.Contains("data-case=\"", queue);
        Assert.Contains("KK", queue);
        Assert.Contains("Ісі ашылмаған жаңа сигналдар", await (await secretary.GetAsync("/?lang=kk")).Content.ReadAsStringAsync());
        Assert.Contains("Under review".ToLowerInvariant(), (await (await secretary.GetAsync(casePath + "?lang=en")).Content.ReadAsStringAsync()).ToLowerInvariant());
    }

    [Fact]
    public async Task Another_commission_and_staff_without_cases_neither_see_nor_open_the_case()
    {
        await using var gateway = await ArrangeAsync();
        var secretary = await gateway.SignedInAsync("secretary.almaty");
        var casePath = (await SubmitAsync(secretary, "/", "/cases", ("iin", Child), ("reason", "Сообщение школы"))).Headers.Location!.OriginalString;

        var astana = await gateway.SignedInAsync("secretary.astana");
        Assert.DoesNotContain(Child, await (await astana.GetAsync("/")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await astana.GetAsync(casePath)).StatusCode);
        var elsewhere = await SubmitAsync(astana, "/", "/cases", ("iin", Child), ("reason", "Попытка"));
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Contains("вне территории комиссии", await elsewhere.Content.ReadAsStringAsync());

        var analyst = await gateway.SignedInAsync("analyst.one");
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync(casePath)).StatusCode);
        Assert.DoesNotContain("new-signals", await (await analyst.GetAsync("/")).Content.ReadAsStringAsync());

        // Opening the same child twice, or with neither signal nor reason, is answered on the page and stores nothing.
        var twice = await SubmitAsync(secretary, "/", "/cases", ("iin", Child), ("reason", "Ещё раз"));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("уже есть открытое дело", await twice.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await SubmitAsync(secretary, "/", "/cases", ("iin", "123"))).StatusCode);
    }

    [GeneratedRegex(@"<h1>Дело \d+/\d{4}</h1>")]
    private static partial Regex CaseHeading();
}
