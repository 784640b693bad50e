using Platform.Contracts.Territory;
using Grpc.Core;
using Platform.Security;
using Platform.Audit;

namespace Platform.GrpcApi.Access;

/// <summary>The agency this service owns records of and receives referrals for.</summary>
public sealed record OwningAgency(string Name);

/// <summary>
/// An agency system's call, as authorization and the audit trail see it: who (its certificate), for what purpose
/// (the <c>x-purpose</c> request header, or what the operation is for), and from where.
/// </summary>
public sealed record AgencyAccess(AgencyCaller Caller, string Purpose, string? ClientAddress)
{
    public const string PurposeHeader = "x-purpose";
    public const int MaximumPurposeLength = 200;

    public AuditActor Actor => new(Caller.SystemName, AuditActorKind.AgencySystem, Caller.Agency.ToName(), Caller.Territory.ToString());

    public bool MayActOn(string kato) => Kato.TryParse(kato, out var place, out _) && Caller.MayActOn(place);

    /// <summary>Throws <see cref="AccessDeniedException"/> unless the caller's territory covers <paramref name="kato"/>.</summary>
    public void DemandTerritory(string kato, string what)
    {
        if (!MayActOn(kato))
            throw new AccessDeniedException($"System '{Caller.SystemName}' works in territory {Caller.Territory}; {what} belongs to territory {kato}.");
    }

    public AuditEntry Audit(AuditAction action, string iin, params IReadOnlyList<string> sections) =>
        new(Actor, action, iin, sections, Purpose, AuditOutcome.Allowed, ClientAddress);

    /// <summary>The access of the agency system calling; the endpoint's authorization has already demanded its certificate.</summary>
    public static AgencyAccess Of(ServerCallContext context, string defaultPurpose)
    {
        var http = context.GetHttpContext();
        var caller = http.User.ToAgencyCaller()
            ?? throw new InvalidOperationException("The endpoint must require an agency system (RequireAgencySystem) before reading its caller.");
        return new AgencyAccess(caller, PurposeOf(context, defaultPurpose), http.Connection.RemoteIpAddress?.ToString());
    }

    /// <summary>The purpose the call states in its <see cref="PurposeHeader"/> (cut to <see cref="MaximumPurposeLength"/>), or <paramref name="defaultPurpose"/>.</summary>
    public static string PurposeOf(ServerCallContext context, string defaultPurpose) =>
        context.RequestHeaders.GetValue(PurposeHeader)?.Trim() is { Length: > 0 } stated ? stated[..Math.Min(stated.Length, MaximumPurposeLength)] : defaultPurpose;
}
