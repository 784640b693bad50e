using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Gateway.Cases;
using Platform.Gateway.Cases.Alerts;
using Platform.Gateway.Cases.FollowUp;
using Platform.Gateway.Cases.Referrals;
using Platform.Gateway.Profiles;
using Platform.GrpcApi;
using Platform.GrpcApi.Access;
using Wire = Platform.Contracts.Cases.V1;

namespace Platform.Gateway.Apis;

/// <summary>
/// platform.cases.v1.Cases for commission and agency systems (mutual TLS): each sees what <see cref="CaseAccess"/>
/// allows; a case it may not see is NOT_FOUND like a missing one, the alerts of an agency PERMISSION_DENIED.
/// </summary>
public sealed class CasesService(CaseQueries queries) : Wire.Cases.CasesBase
{
    private static readonly TimeSpan AlertPollInterval = TimeSpan.FromMilliseconds(250);

    public override async Task<Wire.ListCasesReply> ListCases(Wire.ListCasesRequest request, ServerCallContext context)
    {
        var arguments = new CaseArguments();
        var status = StatusOf(request.Status, arguments);
        var pageSize = arguments.PageSize(request.PageSize, "page_size");
        var after = arguments.PageToken(request.PageToken, "page_token");
        FieldViolations.ThrowIfAny(arguments.Violations, "The list of cases is asked for wrongly.");
        var page = await queries.ListAsync(ReaderOf(context), status, pageSize, after, ReadOf(context), context.CancellationToken);
        var reply = new Wire.ListCasesReply { NextPageToken = page.NextAfter?.ToString() ?? "" };
        reply.Cases.AddRange(page.Cases.Select(HeaderOf));
        return reply;
    }

    public override async Task<Wire.Case> GetCase(Wire.GetCaseRequest request, ServerCallContext context)
    {
        var arguments = new CaseArguments();
        CaseKey? key = request.KeyCase switch
        {
            Wire.GetCaseRequest.KeyOneofCase.CaseId => new CaseKey.ById(arguments.CaseId(request.CaseId, "case_id")),
            Wire.GetCaseRequest.KeyOneofCase.Number when arguments.Number(request.Number.Commission, request.Number.Year, request.Number.Number, "number")
                is { } number => new CaseKey.ByNumber(number),
            Wire.GetCaseRequest.KeyOneofCase.Number => null,
            _ => Missing(arguments, "case_id", "Name the case by case_id or by number (commission, year, number)."),
        };
        FieldViolations.ThrowIfAny(arguments.Violations, "The case is named wrongly.");
        var view = await queries.GetAsync(ReaderOf(context), key!, ReadOf(context), context.CancellationToken) ?? throw NotHeld(Describe(key!));
        var wire = new Wire.Case
        {
            Header = HeaderOf(view.Case),
            Grounds = view.Grounds is { } grounds ? GroundsOf(grounds) : null,
            Withheld = { view.Withheld },
        };
        wire.Timeline.AddRange(view.Timeline.Select(entry => new Wire.TimelineEntry
        {
            Position = entry.Position, At = Timestamp.FromDateTimeOffset(entry.At), Actor = entry.Actor, Kind = entry.Kind,
            Details = { entry.Details.Where(detail => detail.Value is not null).ToDictionary(detail => detail.Key, detail => detail.Value!) },
        }));
        return wire;
    }

    public override async Task<Wire.ListReferralsReply> ListReferrals(Wire.ListReferralsRequest request, ServerCallContext context)
    {
        var arguments = new CaseArguments();
        var caseId = arguments.CaseId(request.CaseId, "case_id");
        FieldViolations.ThrowIfAny(arguments.Violations, "The case is named wrongly.");
        var referrals = await queries.ReferralsAsync(ReaderOf(context), caseId, ReadOf(context), context.CancellationToken)
            ?? throw NotHeld(caseId.ToString());
        var reply = new Wire.ListReferralsReply();
        reply.Referrals.AddRange(referrals.Select(ReferralOf));
        return reply;
    }

    /// <summary>Stays open: the alerts after the id, then each new one as it is written (the table is polled, as WatchChanges does).</summary>
    public override async Task WatchAlerts(Wire.WatchAlertsRequest request, IServerStreamWriter<Wire.CaseAlert> responseStream, ServerCallContext context)
    {
        var arguments = new CaseArguments();
        var after = arguments.AfterAlertId(request.AfterAlertId, "after_alert_id");
        FieldViolations.ThrowIfAny(arguments.Violations, "The stream of alerts is asked for wrongly.");
        var (reader, read) = (ReaderOf(context), ReadOf(context));
        while (!context.CancellationToken.IsCancellationRequested)
        {
            var alerts = await queries.AlertsAfterAsync(reader, after, CaseQueries.MaximumAlertsPerRead, read, context.CancellationToken);
            foreach (var alert in alerts) await responseStream.WriteAsync(AlertOf(alert), context.CancellationToken);
            if (alerts.Count > 0) after = alerts[^1].Alert.Id;
            else await Task.Delay(AlertPollInterval, context.CancellationToken);
        }
    }

    private static CaseStatus? StatusOf(Wire.CaseStatus status, CaseArguments arguments)
    {
        if (status == Wire.CaseStatus.Unspecified) return null;
        foreach (var (domain, wire) in WireStatuses)
            if (wire == status) return domain;
        arguments.Add("status", $"{(int)status} is not a case status.");
        return null;
    }

    private static readonly (CaseStatus Domain, Wire.CaseStatus Wire)[] WireStatuses =
    [
        (CaseStatus.Open, Wire.CaseStatus.Open), (CaseStatus.UnderReview, Wire.CaseStatus.UnderReview),
        (CaseStatus.PlanAdopted, Wire.CaseStatus.PlanAdopted), (CaseStatus.Monitoring, Wire.CaseStatus.Monitoring),
        (CaseStatus.Closed, Wire.CaseStatus.Closed),
    ];

    private static string Describe(CaseKey key) => key switch
    {
        CaseKey.ById byId => byId.Id.ToString(),
        CaseKey.ByNumber byNumber => $"{byNumber.Number} of commission {byNumber.Number.Commission}",
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, null),
    };

    private static CaseKey? Missing(CaseArguments arguments, string field, string description)
    {
        arguments.Add(field, description);
        return null;
    }

    // The same answer for a case that does not exist and one of another commission: its existence is not the caller's to know.
    private static RpcException NotHeld(string what) => new(new Status(StatusCode.NotFound, $"No case {what} is held for this caller."));

    private static CaseReader ReaderOf(ServerCallContext context) =>
        CaseAccess.ReaderOf(context.GetHttpContext().User)
        ?? throw new InvalidOperationException("The service must require a system (RequireAnySystem) before reading its caller.");

    private static ReadContext ReadOf(ServerCallContext context) =>
        new(AgencyAccess.PurposeOf(context, "case work"), context.GetHttpContext().Connection.RemoteIpAddress?.ToString());

    private static Wire.CaseNumber NumberOf(CaseNumber number) =>
        new() { Commission = number.Commission.Value, Year = number.Year, Number = number.Number };

    private static Wire.CaseHeader HeaderOf(CaseFile file) => new()
    {
        CaseId = file.Id.ToString(), Number = NumberOf(file.Number), Iin = file.Iin, Status = WireStatuses.Single(pair => pair.Domain == file.Status).Wire,
        Responsible = file.Responsible ?? "", OpenedAt = Timestamp.FromDateTimeOffset(file.OpenedAt), OpenedBy = file.OpenedBy,
        UpdatedAt = Timestamp.FromDateTimeOffset(file.UpdatedAt),
    };

    private static Wire.CaseGrounds GroundsOf(CaseGrounds grounds)
    {
        var wire = new Wire.CaseGrounds { Reason = grounds.Reason ?? "" };
        wire.Signals.AddRange(grounds.Signals.Select(signal => new Wire.SignalGround
        {
            Code = signal.Code, Evidence = { signal.Evidence }, RaisedAt = Timestamp.FromDateTimeOffset(signal.RaisedAt),
        }));
        return wire;
    }

    private static Wire.Referral ReferralOf(CaseReferral referral)
    {
        var wire = new Wire.Referral
        {
            ReferralId = referral.Id.ToString(), CaseId = referral.CaseId.ToString(), Agency = referral.Agency, Task = referral.Task,
            DueOn = referral.DueOn.ToString("yyyy-MM-dd"), Kato = referral.Kato, IssuedAt = Timestamp.FromDateTimeOffset(referral.IssuedAt),
            IssuedBy = referral.IssuedBy, State = referral.State switch
            {
                ReferralState.Issued => Wire.ReferralState.Issued,
                ReferralState.Acknowledged => Wire.ReferralState.Acknowledged,
                _ => Wire.ReferralState.Completed,
            },
            AcknowledgedAt = TimestampOf(referral.AcknowledgedAt), AcknowledgedBy = referral.AcknowledgedBy ?? "",
            CompletedAt = TimestampOf(referral.CompletedAt), Outcome = referral.Outcome ?? "",
            Attention = FollowUpChanges.AttentionOf(referral.Clocks) switch
            {
                FollowUpAttention.None => Wire.Attention.None,
                FollowUpAttention.Warned => Wire.Attention.Warned,
                _ => Wire.Attention.Overdue,
            },
            EscalationLevel = referral.EscalationLevel,
        };
        wire.Clocks.AddRange(referral.Clocks.Select(clock => new Wire.ReferralClock
        {
            Kind = CaseCodes.Of(clock.Kind), Deadline = clock.Deadline.ToString("yyyy-MM-dd"), State = CaseCodes.Of(clock.State),
            EscalationLevel = clock.EscalationLevel,
        }));
        return wire;
    }

    private static Wire.CaseAlert AlertOf(AlertOnCase onCase)
    {
        var alert = onCase.Alert;
        return new Wire.CaseAlert
        {
            AlertId = alert.Id, CaseId = onCase.CaseId.ToString(), Number = NumberOf(onCase.Number), Iin = onCase.Iin, What = alert.What,
            SourceAgency = alert.SourceAgency ?? "", RecordKind = alert.RecordKind ?? "", SignalCode = alert.SignalCode ?? "", Evidence = { alert.Evidence },
            Risk = alert.Risk, OccurredAt = Timestamp.FromDateTimeOffset(alert.OccurredAt), CreatedAt = Timestamp.FromDateTimeOffset(alert.CreatedAt),
            SeenAt = TimestampOf(alert.SeenAt),
        };
    }

    private static Timestamp? TimestampOf(DateTimeOffset? at) => at is { } value ? Timestamp.FromDateTimeOffset(value) : null;
}
