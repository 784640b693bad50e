using System.Diagnostics.CodeAnalysis;
using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using Platform.Contracts.Territory;

namespace Platform.Security.Certificates;

/// <summary>
/// How a client certificate names a system — the platform's one certificate naming scheme, for two kinds of system:
/// <list type="bullet">
/// <item>an agency's: subject <c>CN=&lt;system name&gt;, O=&lt;agency&gt;, OU=&lt;organisation id&gt;</c> (OU only for one
/// organisation of the agency, e.g. a school or clinic), and a subject alternative name URI
/// <c>urn:kz-child-platform:agency:&lt;agency&gt;:territory:&lt;9-digit КАТО | national&gt;</c>; agency is one of
/// <c>education</c>, <c>health</c>, <c>social</c>;</item>
/// <item>a commission's (КДНЗП): subject <c>CN=&lt;system name&gt;, O=commission</c> and the URI
/// <c>urn:kz-child-platform:commission:&lt;9-digit КАТО of the commission's territory&gt;</c>.</item>
/// </list>
/// The subject is for people reading certificates; the URI is what authorisation reads. A certificate whose O disagrees
/// with its URI, or that names both kinds, is refused.
/// </summary>
public static class AgencyCertificateName
{
    public const string UriPrefix = "urn:kz-child-platform:agency:";
    public const string CommissionUriPrefix = "urn:kz-child-platform:commission:";
    /// <summary>The subject's O of a commission's system; no agency has this name.</summary>
    public const string CommissionOrganization = "commission";
    private const string TerritoryPart = ":territory:";
    private const string SubjectAlternativeNameOid = "2.5.29.17";
    private const string CommonNameOid = "2.5.4.3";
    private const string OrganizationOid = "2.5.4.10";
    private const string OrganizationalUnitOid = "2.5.4.11";
    private static readonly Asn1Tag UniformResourceIdentifierTag = new(TagClass.ContextSpecific, 6);

    public static X500DistinguishedName Subject(SystemCaller caller)
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(caller.SystemName);
        subject.AddOrganizationName(OrganizationOf(caller));
        if (caller is AgencyCaller { OrganizationId: { } organization }) subject.AddOrganizationalUnitName(organization);
        return subject.Build();
    }

    public static Uri Uri(SystemCaller caller) => caller switch
    {
        AgencyCaller agency => new($"{UriPrefix}{agency.Agency.ToName()}{TerritoryPart}{agency.Territory}"),
        CommissionCaller commission => new($"{CommissionUriPrefix}{commission.Commission}"),
        _ => throw UnknownKind(caller),
    };

    /// <summary>The system <paramref name="certificate"/> names, or why it names none.</summary>
    public static bool TryRead(X509Certificate2 certificate, [NotNullWhen(true)] out SystemCaller? caller, [NotNullWhen(false)] out string? problem)
    {
        caller = null;
        var uris = SubjectAlternativeUris(certificate).ToList();
        var agencyUri = uris.FirstOrDefault(u => u.StartsWith(UriPrefix, StringComparison.Ordinal));
        var commissionUri = uris.FirstOrDefault(u => u.StartsWith(CommissionUriPrefix, StringComparison.Ordinal));
        var read = (agencyUri, commissionUri) switch
        {
            (null, null) => Refusal($"does not name an agency or a commission (no {UriPrefix}... or {CommissionUriPrefix}... subject alternative name)"),
            ({ }, { }) => Refusal($"names both an agency ({agencyUri}) and a commission ({commissionUri})"),
            ({ } uri, null) => ReadAgency(uri),
            (null, { } uri) => ReadCommission(uri),
        };
        if (read.Problem is { } namingProblem)
        {
            problem = namingProblem;
            return false;
        }
        var subject = SubjectAttributes(certificate.SubjectName);
        if (!subject.TryGetValue(CommonNameOid, out var systemName) || string.IsNullOrWhiteSpace(systemName))
        {
            problem = "names no system (no CN in the subject)";
            return false;
        }
        if (subject.GetValueOrDefault(OrganizationOid) != read.Organization)
        {
            problem = $"names '{read.Organization}' in {agencyUri ?? commissionUri} but O='{subject.GetValueOrDefault(OrganizationOid)}' in the subject";
            return false;
        }
        caller = read.Caller!(systemName, subject.GetValueOrDefault(OrganizationalUnitOid));
        problem = null;
        return true;
    }

    /// <summary>
    /// What a URI names: the O the subject must repeat and how the caller is made from the subject's CN and OU, or why
    /// the URI names nothing.
    /// </summary>
    private readonly record struct UriReading(string? Organization, Func<string, string?, SystemCaller>? Caller, string? Problem);

    private static UriReading Refusal(string problem) => new(null, null, problem);

    private static UriReading ReadAgency(string uri)
    {
        var naming = uri[UriPrefix.Length..];
        var separator = naming.IndexOf(TerritoryPart, StringComparison.Ordinal);
        if (separator < 0) return Refusal($"names no territory in {uri}");
        if (!AgencyNames.TryParse(naming[..separator], out var agency)) return Refusal($"names an unknown agency in {uri}");
        if (!AgencyTerritory.TryParse(naming[(separator + TerritoryPart.Length)..], out var territory, out var territoryError))
            return Refusal($"names an invalid territory in {uri}: {territoryError}");
        return new(agency.ToName(), (systemName, organization) => new AgencyCaller(systemName, agency, organization, territory), null);
    }

    // A commission always works on one territory: there is no national commission certificate.
    private static UriReading ReadCommission(string uri) =>
        Kato.TryParse(uri[CommissionUriPrefix.Length..], out var commission, out var error)
            ? new(CommissionOrganization, (systemName, _) => new CommissionCaller(systemName, commission), null)
            : Refusal($"names an invalid commission territory in {uri}: {error}");

    private static string OrganizationOf(SystemCaller caller) => caller switch
    {
        AgencyCaller agency => agency.Agency.ToName(),
        CommissionCaller => CommissionOrganization,
        _ => throw UnknownKind(caller),
    };

    private static ArgumentOutOfRangeException UnknownKind(SystemCaller caller) =>
        new(nameof(caller), caller.GetType().Name, "Not a kind of system a certificate names.");

    private static Dictionary<string, string?> SubjectAttributes(X500DistinguishedName name)
    {
        var attributes = new Dictionary<string, string?>();
        foreach (var rdn in name.EnumerateRelativeDistinguishedNames())
            if (!rdn.HasMultipleElements && rdn.GetSingleElementType().Value is { } oid) attributes[oid] = rdn.GetSingleElementValue();
        return attributes;
    }

    // .NET reads DNS names and IP addresses from the extension but not URIs, so the GeneralNames are read here.
    private static IEnumerable<string> SubjectAlternativeUris(X509Certificate2 certificate)
    {
        if (certificate.Extensions[SubjectAlternativeNameOid] is not { } extension) return [];
        var uris = new List<string>();
        var names = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
        while (names.HasData)
        {
            if (names.PeekTag().HasSameClassAndValue(UniformResourceIdentifierTag))
                uris.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, UniformResourceIdentifierTag));
            else
                names.ReadEncodedValue();
        }
        return uris;
    }
}
