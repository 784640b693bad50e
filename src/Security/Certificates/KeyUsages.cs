using System.Security.Cryptography;

namespace Platform.Security.Certificates;

/// <summary>The extended key usages the platform issues and checks.</summary>
internal static class KeyUsages
{
    public const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    public const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    public static Oid ServerAuthenticationOid => new(ServerAuthentication);
    public static Oid ClientAuthenticationOid => new(ClientAuthentication);
}
