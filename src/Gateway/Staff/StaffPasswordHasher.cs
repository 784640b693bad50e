using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Gateway.Staff;

public enum PasswordCheck { Wrong, Correct, CorrectButOutdated }

/// <summary>
/// PBKDF2-HMAC-SHA256 with a 16-byte random salt, stored as <c>pbkdf2-sha256$&lt;iterations&gt;$&lt;salt&gt;$&lt;hash&gt;</c>.
/// The iteration count travels with each hash, so raising <see cref="Iterations"/> later keeps old hashes valid and
/// reports them as outdated, to be rehashed when their owner next signs in with the right password.
/// </summary>
public sealed class StaffPasswordHasher(int iterations = StaffPasswordHasher.RecommendedIterations)
{
    /// <summary>OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.</summary>
    public const int RecommendedIterations = 600_000;

    private const string Algorithm = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public int Iterations { get; } = iterations;

    public string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, Iterations);
        return string.Join('$', Algorithm, Iterations.ToString(CultureInfo.InvariantCulture),
            Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    public PasswordCheck Verify(string password, string storedHash)
    {
        var parts = storedHash.Split('$');
        if (parts.Length != 4 || parts[0] != Algorithm
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var storedIterations) || storedIterations <= 0)
            return PasswordCheck.Wrong;
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Derive(password, Convert.FromBase64String(parts[2]), storedIterations);
        if (!CryptographicOperations.FixedTimeEquals(actual, expected)) return PasswordCheck.Wrong;
        return storedIterations < Iterations ? PasswordCheck.CorrectButOutdated : PasswordCheck.Correct;
    }

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
