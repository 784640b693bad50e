using Platform.Contracts.Referrals.V1;

namespace Platform.EndToEnd.Tests;

/// <summary>Looking a referral up in an agency's inbox over gRPC, as the agency's system would.</summary>
internal static class ReferralInboxCalls
{
    public static async Task<Referral?> FindAsync(ReferralInbox.ReferralInboxClient inbox, Guid referralId, ListReferralsRequest? request = null)
    {
        request ??= new ListReferralsRequest { PageSize = 500 };
        while (true)
        {
            var page = await inbox.ListAsync(request);
            if (page.Referrals.FirstOrDefault(r => r.ReferralId == referralId.ToString()) is { } found) return found;
            if (page.NextPageToken.Length == 0) return null;
            request = new ListReferralsRequest(request) { PageToken = page.NextPageToken };
        }
    }

    public static async Task<Referral> WaitUntilListedAsync(ReferralInbox.ReferralInboxClient inbox, Guid referralId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await FindAsync(inbox, referralId) is { } found) return found;
            await Task.Delay(200);
        }
        throw new TimeoutException($"Referral {referralId} never appeared in the inbox.");
    }
}
