using Google.Protobuf.WellKnownTypes;
using Platform.Contracts.Gateway.V1;
using Platform.Contracts.Identity;
using Platform.Contracts.Territory;
using Platform.Gateway.Profiles;
using Platform.Gateway.Profiles.Views;
using Grpc.Core;
using Platform.Security;
using Platform.Security.MutualTls;
using Platform.GrpcApi.Access;
using Platform.GrpcApi;
using WireChange = Platform.Contracts.Gateway.V1.ProfileChange;
using WireSummary = Platform.Contracts.Gateway.V1.ChildSummary;
using WireView = Platform.Contracts.Gateway.V1.ProfileView;

namespace Platform.Gateway.Apis;

/// <summary>
/// platform.gateway.v1.ChildProfiles for agency systems (mutual TLS, any agency): each gets its agency's view of a
/// profile within its territory; PERMISSION_DENIED outside it, NOT_FOUND for a child the platform has no records of.
/// </summary>
public sealed class ChildProfilesService(ProfileQueries queries) : ChildProfiles.ChildProfilesBase
{
    public override async Task<WireView> GetProfile(GetProfileRequest request, ServerCallContext context)
    {
        var iin = ParseIin(request.Iin, "iin");
        var read = new ReadContext(Purpose(request.Purpose, context), ClientAddress(context));
        return await queries.GetAsync(iin, Viewer(context), read, context.CancellationToken) switch
        {
            ProfileLookup.Found found => ToWire(found.View),
            ProfileLookup.Denied denied => throw new RpcException(new Status(StatusCode.PermissionDenied, denied.Reason)),
            _ => throw new RpcException(new Status(StatusCode.NotFound, $"The platform holds no records of a child with IIN {iin}.")),
        };
    }

    public override async Task<SearchChildrenReply> SearchChildren(SearchChildrenRequest request, ServerCallContext context)
    {
        var search = ParseSearch(request);
        var read = new ReadContext(Purpose("", context), ClientAddress(context));
        try
        {
            var page = await queries.SearchAsync(search, Viewer(context), read, context.CancellationToken);
            var reply = new SearchChildrenReply { NextPageToken = page.NextAfterIin ?? "" };
            reply.Children.AddRange(page.Children.Select(c => new WireSummary
            {
                Iin = c.Iin, BirthDate = c.BirthDate.ToString("yyyy-MM-dd"), Sex = c.Sex, Age = c.Age,
                LastName = c.LastName ?? "", FirstName = c.FirstName ?? "", Region = c.Region ?? "",
            }));
            return reply;
        }
        catch (SearchDeniedException denied)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, denied.Message));
        }
    }

    /// <summary>Stays open: the changes after the position, then each new one as it is recorded.</summary>
    public override async Task WatchChanges(WatchChangesRequest request, IServerStreamWriter<WireChange> responseStream, ServerCallContext context)
    {
        var position = request.AfterPosition;
        var viewer = Viewer(context);
        while (!context.CancellationToken.IsCancellationRequested)
        {
            var changes = await queries.ChangesAsync(position, viewer, 500, context.CancellationToken);
            foreach (var change in changes)
                await responseStream.WriteAsync(new WireChange { Position = change.Position, Iin = change.Iin, ChangedAt = Timestamp.FromDateTimeOffset(change.ChangedAt) },
                    context.CancellationToken);
            if (changes.Count > 0) position = changes[^1].Position;
            else await Task.Delay(TimeSpan.FromMilliseconds(250), context.CancellationToken);
        }
    }

    public static WireView ToWire(Profiles.Views.ProfileView view)
    {
        var wire = new WireView { Iin = view.Iin, BirthDate = view.BirthDate.ToString("yyyy-MM-dd"), Sex = view.Sex };
        wire.Identity.AddRange(view.Identity.Select(i => new Platform.Contracts.Gateway.V1.ReportedIdentity
        {
            SourceAgency = i.SourceAgency, LastName = i.LastName ?? "", FirstName = i.FirstName ?? "", Patronymic = i.Patronymic ?? "",
            Region = i.Region, ReportedAt = Timestamp.FromDateTimeOffset(i.ReportedAt),
        }));
        wire.Records.AddRange(view.Records.Select(r => new Platform.Contracts.Gateway.V1.ProfileRecord
        {
            SourceAgency = r.Event.SourceAgency, RecordId = r.Event.RecordId, Kind = r.Kind, Version = r.Event.Version, Region = r.Event.Region,
            OccurredAt = Timestamp.FromDateTimeOffset(r.Event.OccurredAt), RecordedAt = Timestamp.FromDateTimeOffset(r.Event.RecordedAt),
            DetailsJson = r.Details.ToJsonString(),
        }));
        wire.Signals.AddRange(view.Signals.Select(s => new Signal
        {
            Code = s.Code, Title = s.Title, Basis = s.Basis, Evidence = { s.Evidence }, RaisedAt = Timestamp.FromDateTimeOffset(s.RaisedAt),
        }));
        wire.Timeline.AddRange(view.Timeline.Select(t => new Platform.Contracts.Gateway.V1.TimelineEntry
        {
            SourceAgency = t.SourceAgency, RecordId = t.RecordId, Kind = t.Kind, Version = t.Version, OccurredAt = Timestamp.FromDateTimeOffset(t.OccurredAt),
        }));
        wire.HiddenKinds.AddRange(view.HiddenKinds);
        return wire;
    }

    private static ChildSearch ParseSearch(SearchChildrenRequest request)
    {
        var violations = new List<(string Field, string Description)>();
        Kato? territory = null;
        if (request.Kato.Length > 0)
        {
            if (Kato.TryParse(request.Kato, out var kato, out var error)) territory = kato;
            else violations.Add(("kato", error));
        }
        if (request.MinAge < 0 || request.MaxAge < 0 || (request.MaxAge > 0 && request.MaxAge < request.MinAge))
            violations.Add(("max_age", "The age band must be 0 ≤ min_age ≤ max_age."));
        if (request.PageSize is < 0 or > ProfileQueries.MaximumPageSize)
            violations.Add(("page_size", $"must be between 0 and {ProfileQueries.MaximumPageSize} (0: 50)."));
        if (request.PageToken.Length > 0 && !Iin.TryParse(request.PageToken, out _))
            violations.Add(("page_token", "is not a token this service gave out."));
        if (request.Signal.Length > 0 && Profiles.Signals.SignalRules.All.All(r => r.Code != request.Signal))
            violations.Add(("signal", $"is not a known signal ({string.Join(", ", Profiles.Signals.SignalRules.All.Select(r => r.Code))})."));
        FieldViolations.ThrowIfAny(violations, "The search is invalid.");
        return new ChildSearch(territory, request.Signal.Length > 0 ? request.Signal : null,
            request.MinAge > 0 ? request.MinAge : null, request.MaxAge > 0 ? request.MaxAge : null,
            request.PageSize == 0 ? 50 : request.PageSize, request.PageToken);
    }

    private static Iin ParseIin(string text, string field) =>
        Iin.TryParse(text, out var iin, out var error) ? iin : throw FieldViolations.InvalidArgument("The IIN is invalid.", [(field, error)]);

    private static string Purpose(string stated, ServerCallContext context) =>
        stated.Length > 0 ? stated[..Math.Min(stated.Length, AgencyAccess.MaximumPurposeLength)]
        : context.RequestHeaders.GetValue(AgencyAccess.PurposeHeader) is { Length: > 0 } header ? header : "agency lookup";

    private static ProfileViewer Viewer(ServerCallContext context) => new AgencySystemViewer(context.GetHttpContext().User.ToAgencyCaller()!);

    private static string? ClientAddress(ServerCallContext context) => context.GetHttpContext().Connection.RemoteIpAddress?.ToString();
}
