using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Contracts.Referrals.V1;
using Platform.Contracts.Territory;
using Platform.GrpcApi.Access;
using Platform.GrpcApi;
using WireReferral = Platform.Contracts.Referrals.V1.Referral;
using WireStatus = Platform.Contracts.Referrals.V1.ReferralStatus;
using WireInbox = Platform.Contracts.Referrals.V1.ReferralInbox;

namespace Platform.AgencyServices.Referrals;

/// <summary>
/// platform.referrals.v1.ReferralInbox: the agency's systems list the referrals addressed to the agency,
/// acknowledge them and complete them with an outcome. A request in the wrong state is FAILED_PRECONDITION and
/// changes nothing; repeating the last successful request is answered as before.
/// </summary>
public sealed class ReferralInboxService(ReferralInbox inbox) : WireInbox.ReferralInboxBase
{
    public const int DefaultPageSize = 50;
    public const int MaximumPageSize = 500;
    public const int MaximumTextLength = 4000;

    public override async Task<ListReferralsReply> List(ListReferralsRequest request, ServerCallContext context)
    {
        var page = await inbox.ListAsync(ParseQuery(request), AgencyAccess.Of(context, "referral handling"), context.CancellationToken);
        var reply = new ListReferralsReply { NextPageToken = page.NextAfterPosition?.ToString() ?? "" };
        reply.Referrals.AddRange(page.Referrals.Select(ToWire));
        return reply;
    }

    public override async Task<WireReferral> Acknowledge(AcknowledgeReferralRequest request, ServerCallContext context)
    {
        var violations = new List<(string, string)>();
        var id = ReferralId(request.ReferralId, violations);
        RequireText("acknowledged_by", request.AcknowledgedBy, violations);
        FieldViolations.ThrowIfAny(violations, "The acknowledgement is invalid.");
        return ToWire(await inbox.AcknowledgeAsync(id, request.AcknowledgedBy.Trim(), AgencyAccess.Of(context, "referral handling"), context.CancellationToken));
    }

    public override async Task<WireReferral> Complete(CompleteReferralRequest request, ServerCallContext context)
    {
        var violations = new List<(string, string)>();
        var id = ReferralId(request.ReferralId, violations);
        RequireText("outcome", request.Outcome, violations);
        FieldViolations.ThrowIfAny(violations, "The completion is invalid.");
        return ToWire(await inbox.CompleteAsync(id, request.Outcome.Trim(), AgencyAccess.Of(context, "referral handling"), context.CancellationToken));
    }

    private static ReferralQuery ParseQuery(ListReferralsRequest request)
    {
        var violations = new List<(string, string)>();
        Kato? territory = null;
        if (request.Kato.Length > 0)
        {
            if (Kato.TryParse(request.Kato, out var kato, out var error)) territory = kato;
            else violations.Add(("kato", error));
        }
        if (request.PageSize is < 0 or > MaximumPageSize) violations.Add(("page_size", $"must be between 0 and {MaximumPageSize} (0: {DefaultPageSize})."));
        long after = 0;
        if (request.PageToken.Length > 0 && (!long.TryParse(request.PageToken, out after) || after < 0))
            violations.Add(("page_token", "is not a token this service gave out."));
        if (request.Statuses.Any(s => s == WireStatus.Unspecified || !System.Enum.IsDefined(s)))
            violations.Add(("statuses", "contains an unknown status."));
        FieldViolations.ThrowIfAny(violations, "The referral query is invalid.");

        var statuses = request.Statuses.Select(s => s switch
        {
            WireStatus.Received => ReferralStatus.Received,
            WireStatus.Acknowledged => ReferralStatus.Acknowledged,
            _ => ReferralStatus.Completed,
        }).Distinct().ToList();
        return new ReferralQuery(statuses, territory, request.PageSize == 0 ? DefaultPageSize : request.PageSize, after);
    }

    private static Guid ReferralId(string text, List<(string, string)> violations)
    {
        if (Guid.TryParse(text, out var id) && id != Guid.Empty) return id;
        violations.Add(("referral_id", "must be the referral's UUID."));
        return Guid.Empty;
    }

    private static void RequireText(string field, string value, List<(string, string)> violations)
    {
        if (string.IsNullOrWhiteSpace(value)) violations.Add((field, "is required."));
        else if (value.Length > MaximumTextLength) violations.Add((field, $"must be at most {MaximumTextLength} characters."));
    }

    private static WireReferral ToWire(Referral referral) => new()
    {
        ReferralId = referral.ReferralId.ToString(),
        CaseId = referral.CaseId,
        Iin = referral.Iin,
        Kato = referral.Kato,
        Task = referral.Task,
        DueAt = Timestamp.FromDateTimeOffset(referral.DueAt),
        ReceivedAt = Timestamp.FromDateTimeOffset(referral.ReceivedAt),
        Status = referral.Status switch
        {
            ReferralStatus.Received => WireStatus.Received,
            ReferralStatus.Acknowledged => WireStatus.Acknowledged,
            _ => WireStatus.Completed,
        },
        AcknowledgedBy = referral.AcknowledgedBy ?? "",
        Outcome = referral.Outcome ?? "",
    };
}
