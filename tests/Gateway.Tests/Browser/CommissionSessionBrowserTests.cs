using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Platform.Contracts.IntegrationEvents;
using Platform.Gateway.Cases.FollowUp;
using Platform.Gateway.Profiles;

namespace Platform.Gateway.Tests.Browser;

/// <summary>
/// The demo secretary, signing in in Kazakh, opens a case from a signal and holds a session on it with the demo
/// commission's nine members: quorum, vote, a measure for a member, the signed protocol; then, in English, reads the
/// protocol and reports the member's measure carried out on the case.
/// </summary>
[Collection(GatewayOnSharedBroker.Name)]
public sealed class CommissionSessionBrowserTests
{
    private const string Child = "150315501231";

    [Fact]
    public async Task A_secretary_signs_in_in_kazakh_holds_a_session_on_a_case_and_reads_its_protocol_in_english()
    {
        await using var gateway = await GatewayInChromium.StartAsync();
        await gateway.Services.GetRequiredService<ProfileProjection>().ApplyAsync(
            [ProfileProjectionTests.Event(new InjuryRecorded { Icd10 = "T74.1", SuspectedAbuse = true }, SourceAgencies.Health, "med-1", 1, "Абаев")
                with { Region = "711210000" }],
            CancellationToken.None);
        var page = await gateway.NewPageAsync();
        var policyViolations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) policyViolations.Add(message.Text);
        };

        await page.GotoAsync(gateway.Address + "/signin?lang=kk");
        await Assertions.Expect(page.Locator("form.signin button[type=submit]")).ToHaveTextAsync("Кіру");
        await page.FillAsync("input[name=userName]", "secretary.astana");
        await page.FillAsync("input[name=password]", GatewayInChromium.SeedPassword);
        await page.ClickAsync("form.signin button[type=submit]");
        await Assertions.Expect(page.Locator("h2").Filter(new() { HasText = "Ісі ашылмаған жаңа сигналдар" })).ToBeVisibleAsync();
        await page.ClickAsync($"#new-signals tr[data-iin='{Child}'] button");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(new Regex(@"^Іс 1/\d{4}$"));
        var casePath = new Uri(page.Url).AbsolutePath;

        await page.ClickAsync("#sessions-link");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Отырыстар");
        // Met an hour ago and written up now, so the protocol can be signed.
        var anHourAgo = DateTimeOffset.UtcNow.ToOffset(WorkingCalendar.Kazakhstan.UtcOffset).AddHours(-1);
        await page.FillAsync("#plan-session input[name=meetsAt]", anHourAgo.ToString("yyyy-MM-ddTHH:mm"));
        await page.FillAsync("#plan-session input[name=place]", "Аудан әкімдігі");
        await page.ClickAsync("#plan-session button");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(new Regex(@"^Отырыс 1/\d{4}$"));
        await page.ClickAsync("#add-to-agenda button");
        await Assertions.Expect(page.Locator("[data-field=quorum]")).ToHaveAttributeAsync("data-quorum", "not-met");
        var members = page.Locator("#attendance input[type=checkbox]");
        await Assertions.Expect(members).ToHaveCountAsync(9);
        for (var member = 0; member < 6; member++) await members.Nth(member).CheckAsync();
        await page.ClickAsync("#attendance button");
        await Assertions.Expect(page.Locator("[data-field=quorum]")).ToContainTextAsync("кворум бар");

        await page.FillAsync("[data-form=decision] textarea[name=resolution]", "Отбасына әлеуметтік қолдау көрсету");
        await page.ClickAsync("[data-form=decision] button");
        await Assertions.Expect(page.Locator("section.agenda-item")).ToHaveAttributeAsync("data-decided", "adopted");
        await page.SelectOptionAsync("[data-form=measure] select[name=executor]", new SelectOptionValue { Index = 3 });
        await page.FillAsync("[data-form=measure] textarea[name=task]", "Отбасына бару, тұрмыс жағдайын тексеру актісін жасау");
        await page.FillAsync("[data-form=measure] input[name=dueOn]", WorkingCalendar.Kazakhstan.LocalDate(DateTimeOffset.UtcNow).AddDays(3).ToString("yyyy-MM-dd"));
        await page.ClickAsync("[data-form=measure] button");
        await Assertions.Expect(page.Locator("table.measures tr[data-measure]")).ToHaveAttributeAsync("data-state", "open");
        await page.ClickAsync("#hold button");
        await Assertions.Expect(page.Locator("[data-field=status]")).ToContainTextAsync("хаттамаға қол қойылды");
        await Assertions.Expect(page.Locator("#hold")).ToHaveCountAsync(0);

        await page.ClickAsync("header >> text=EN");
        await page.ClickAsync("#protocol-link");
        await Assertions.Expect(page.Locator("#protocol")).ToHaveAttributeAsync("data-signed", "yes");
        await Assertions.Expect(page.Locator("#protocol [data-field=vote]")).ToContainTextAsync("for 6, against 0, abstained 0");
        await Assertions.Expect(page.Locator("#protocol #present li")).ToHaveCountAsync(6);
        await page.GotoAsync(gateway.Address + casePath);
        await Assertions.Expect(page.Locator("#hearings")).ToContainTextAsync("adopted");
        await page.FillAsync("[data-form=measure-done] input[name=note]", "Family visited, living conditions report filed");
        await page.ClickAsync("[data-form=measure-done] button");
        await Assertions.Expect(page.Locator("table.measures tr[data-measure]")).ToHaveAttributeAsync("data-state", "done");
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("measure carried out");
        Assert.Empty(policyViolations);
    }
}
