using MassTransit;
using Microsoft.Extensions.Logging;
using Platform.Contracts.Identity;
using Platform.Contracts.IntegrationEvents;
using Platform.Contracts.Territory;
using Platform.GrpcApi.Access;

namespace Platform.AgencyServices.Referrals;

/// <summary>A referral that cannot be stored as sent; retrying will not help, so it goes straight to the error queue.</summary>
public sealed class InvalidReferralException(string message) : Exception(message);

/// <summary>
/// Every agency service receives every referral on its own queue and keeps those addressed to its agency; a
/// redelivered referral is recognised by its id and stored once.
/// </summary>
public sealed class ReferralIssuedConsumer(ReferralInbox inbox, OwningAgency agency, ILogger<ReferralIssuedConsumer> logger) : IConsumer<ReferralIssued>
{
    public async Task Consume(ConsumeContext<ReferralIssued> context)
    {
        var referral = context.Message;
        if (referral.TargetAgency != agency.Name) return;
        if (Problems(referral).ToList() is { Count: > 0 } problems)
            throw new InvalidReferralException($"Referral {referral.ReferralId} is invalid: {string.Join("; ", problems)}");

        if (await inbox.ReceiveAsync(referral, context.CancellationToken))
            logger.LogInformation("Referral {ReferralId} of case {CaseId} received, due {DueAt:yyyy-MM-dd}", referral.ReferralId, referral.CaseId, referral.DueAt);
    }

    public static IEnumerable<string> Problems(ReferralIssued referral)
    {
        if (referral.ReferralId == Guid.Empty) yield return "referral_id is empty";
        if (!Iin.TryParse(referral.Iin, out _, out var iinError)) yield return $"iin: {iinError}";
        if (!Kato.TryParse(referral.Kato, out _, out var katoError)) yield return $"kato: {katoError}";
        if (string.IsNullOrWhiteSpace(referral.CaseId)) yield return "case_id is empty";
        if (string.IsNullOrWhiteSpace(referral.Task)) yield return "task is empty";
        if (string.IsNullOrWhiteSpace(referral.IssuedBy)) yield return "issued_by is empty";
    }
}
