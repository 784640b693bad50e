using System.Diagnostics.CodeAnalysis;
using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace Platform.Security.Certificates;

/// <summary>
/// How a client certificate names an agency system — the platform's one certificate naming scheme:
/// <list type="bullet">
/// <item>subject <c>CN=&lt;system name&gt;, O=&lt;agency&gt;, OU=&lt;organisation id&gt;</c> (OU only for one organisation
/// of the agency, e.g. a school or clinic), for people reading certificates;</item>
/// <item>a subject alternative name URI <c>urn:kz-child-platform:agency:&lt;agency&gt;:territory:&lt;9-digit КАТО | national&gt;</c>,
/// which is what authorisation reads.</item>
/// </list>
/// Agency is one of <c>education</c>, <c>health</c>, <c>social</c>. A certificate whose O disagrees with its URI is refused.
/// </summary>
public static class AgencyCertificateName
{
    public const string UriPrefix = "urn:kz-child-platform:agency:";
    private const string TerritoryPart = ":territory:";
    private const string SubjectAlternativeNameOid = "2.5.29.17";
    private const string CommonNameOid = "2.5.4.3";
    private const string OrganizationOid = "2.5.4.10";
    private const string OrganizationalUnitOid = "2.5.4.11";
    private static readonly Asn1Tag UniformResourceIdentifierTag = new(TagClass.ContextSpecific, 6);

    public static X500DistinguishedName Subject(AgencyCaller caller)
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(caller.SystemName);
        subject.AddOrganizationName(caller.Agency.ToName());
        if (caller.OrganizationId is { } organization) subject.AddOrganizationalUnitName(organization);
        return subject.Build();
    }

    public static Uri Uri(AgencyCaller caller) => new($"{UriPrefix}{caller.Agency.ToName()}{TerritoryPart}{caller.Territory}");

    /// <summary>The agency system <paramref name="certificate"/> names, or why it names none.</summary>
    public static bool TryRead(X509Certificate2 certificate, [NotNullWhen(true)] out AgencyCaller? caller, [NotNullWhen(false)] out string? problem)
    {
        caller = null;
        var uri = SubjectAlternativeUris(certificate).FirstOrDefault(u => u.StartsWith(UriPrefix, StringComparison.Ordinal));
        if (uri is null)
        {
            problem = $"does not name an agency (no {UriPrefix}... subject alternative name)";
            return false;
        }
        var naming = uri[UriPrefix.Length..];
        var separator = naming.IndexOf(TerritoryPart, StringComparison.Ordinal);
        if (separator < 0)
        {
            problem = $"names no territory in {uri}";
            return false;
        }
        if (!AgencyNames.TryParse(naming[..separator], out var agency))
        {
            problem = $"names an unknown agency in {uri}";
            return false;
        }
        if (!AgencyTerritory.TryParse(naming[(separator + TerritoryPart.Length)..], out var territory, out var territoryError))
        {
            problem = $"names an invalid territory in {uri}: {territoryError}";
            return false;
        }
        var subject = SubjectAttributes(certificate.SubjectName);
        if (!subject.TryGetValue(CommonNameOid, out var systemName) || string.IsNullOrWhiteSpace(systemName))
        {
            problem = "names no system (no CN in the subject)";
            return false;
        }
        if (subject.GetValueOrDefault(OrganizationOid) != agency.ToName())
        {
            problem = $"names agency '{agency.ToName()}' in {uri} but O='{subject.GetValueOrDefault(OrganizationOid)}' in the subject";
            return false;
        }
        caller = new AgencyCaller(systemName, agency, subject.GetValueOrDefault(OrganizationalUnitOid), territory);
        problem = null;
        return true;
    }

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
