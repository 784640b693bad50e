using System.Security.Cryptography;
using System.Text;

namespace Platform.AppHost.Dashboard.Security;

public static class Secrets
{
    /// <summary>Whether a presented token or key is the expected one, in time that does not depend on where they differ.</summary>
    public static bool Match(string? presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented ?? ""), Encoding.UTF8.GetBytes(expected));
}
