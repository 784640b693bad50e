using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.IntegrationEvents;
using Platform.Gateway.Profiles;
using static Platform.Gateway.Tests.StaffGateway;

namespace Platform.Gateway.Tests.Cases;

/// <summary>A family moves from Almaty to Astana: the case goes with it, and with it the right to work on the child.</summary>
[Collection(GatewayOnSharedBroker.Name)]
public sealed class CaseTransferTests
{
    private const string Child = AlmatyChild;

    [Fact]
    public async Task A_transferred_case_closes_here_opens_there_and_the_receiving_commission_sees_the_child_and_its_alerts()
    {
        await using var gateway = await StartWithTwoCommissionsAsync();
        var (almaty, casePath) = await gateway.OpenAlmatyCaseOnInjuryAsync();
        var astana = await gateway.SignedInAsync("secretary.astana");
        Assert.Equal(HttpStatusCode.Forbidden, (await astana.GetAsync($"/children/{Child}")).StatusCode);

        var toSelf = await SubmitAsync(almaty, casePath, $"{casePath}/transfer", ("version", "1"), ("commission", "751110000"), ("reason", "Переезд"));
        Assert.Contains("Дело уже ведёт эта комиссия", await toSelf.Content.ReadAsStringAsync());
        var badCode = await SubmitAsync(almaty, casePath, $"{casePath}/transfer", ("version", "1"), ("commission", "123"), ("reason", "Переезд"));
        Assert.Equal(HttpStatusCode.BadRequest, badCode.StatusCode);
        var withoutReason = await SubmitAsync(almaty, casePath, $"{casePath}/transfer", ("version", "1"), ("commission", "711210000"), ("reason", " "));
        Assert.Equal(HttpStatusCode.Conflict, withoutReason.StatusCode);

        var transferred = await SubmitAsync(almaty, casePath, $"{casePath}/transfer", ("version", "1"), ("commission", "711210000"),
            ("reason", "Семья переехала в Астану"));
        Assert.Equal(HttpStatusCode.Redirect, transferred.StatusCode);
        var again = await SubmitAsync(almaty, "/", $"{casePath}/transfer", ("version", "1"), ("commission", "711210000"), ("reason", "Семья переехала в Астану"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var closedHere = await (await almaty.GetAsync(casePath)).Content.ReadAsStringAsync();
        Assert.Contains("<dd data-field=\"status\">закрыто</dd>", closedHere);
        Assert.Contains("data-field=\"transferred\"", closedHere);
        Assert.Contains("711210000, Дело 1/", closedHere);

        var queue = await (await astana.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Contains("id=\"open-cases\"", queue);
        var receivedPath = System.Text.RegularExpressions.Regex.Match(queue, "href=\"(/cases/[0-9a-f-]{36})\"").Groups[1].Value;
        var received = await (await astana.GetAsync(receivedPath)).Content.ReadAsStringAsync();
        Assert.Contains("data-field=\"received\"", received);
        Assert.Contains("data-signal=\"violence-suspected\"", received);
        Assert.Contains("Семья переехала в Астану", received);
        var child = await astana.GetAsync($"/children/{Child}");
        Assert.Equal(HttpStatusCode.OK, child.StatusCode);
        Assert.DoesNotContain("id=\"opened-by-break-glass\"", await child.Content.ReadAsStringAsync());

        await gateway.Services.GetRequiredService<ProfileProjection>().ApplyAsync(
            [ProfileProjectionTests.Event(new SchoolIncidentReported { IncidentType = "SelfHarm", ReportedToPolice = false }, SourceAgencies.Education, "inc-1", 1, "Абаев")],
            CancellationToken.None);
        Assert.Contains("data-risk=\"1\"", await (await astana.GetAsync(receivedPath)).Content.ReadAsStringAsync());
        Assert.Contains("id=\"no-alerts\"", await (await almaty.GetAsync(casePath)).Content.ReadAsStringAsync());
    }
}
