using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Platform.Gateway.Staff;

public enum PasswordCheck { Wrong, Correct, CorrectButOutdated }

/// <summary>
/// Staff passwords are hashed by ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (format v3: PBKDF2-HMAC-SHA512,
/// a 128-bit random salt, the iteration count stored with each hash, so raising <see cref="Iterations"/> later keeps
/// old hashes valid and reports them as outdated, to be rehashed when their owner next signs in with the right
/// password). Hashes the platform made before it used Identity (<c>pbkdf2-sha256$iterations$salt$hash</c>) are still
/// verified, and always reported as outdated.
/// </summary>
public sealed class StaffPasswordHasher(int iterations = StaffPasswordHasher.RecommendedIterations)
{
    /// <summary>OWASP's 2023 recommendation for PBKDF2-HMAC-SHA512.</summary>
    public const int RecommendedIterations = 210_000;

    private readonly PasswordHasher<StaffAccount> _identity = new(Options.Create(new PasswordHasherOptions
    {
        CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
        IterationCount = iterations,
    }));

    public int Iterations { get; } = iterations;

    // Identity's v3 format does not use the user the hash is for.
    public string Hash(string password) => _identity.HashPassword(null!, password);

    public PasswordCheck Verify(string password, string storedHash)
    {
        if (storedHash.StartsWith(EarlierPbkdf2Sha256.Prefix, StringComparison.Ordinal))
            return EarlierPbkdf2Sha256.Matches(password, storedHash) ? PasswordCheck.CorrectButOutdated : PasswordCheck.Wrong;
        try
        {
            return _identity.VerifyHashedPassword(null!, storedHash, password) switch
            {
                PasswordVerificationResult.Success => PasswordCheck.Correct,
                PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.CorrectButOutdated,
                _ => PasswordCheck.Wrong,
            };
        }
        catch (FormatException)
        {
            return PasswordCheck.Wrong;
        }
    }

    /// <summary>The hashes of the platform's own first hasher (PBKDF2-HMAC-SHA256), read so their owners can still sign in.</summary>
    private static class EarlierPbkdf2Sha256
    {
        public const string Prefix = "pbkdf2-sha256$";

        public static bool Matches(string password, string storedHash)
        {
            var parts = storedHash.Split('$');
            if (parts.Length != 4
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations <= 0)
                return false;
            try
            {
                var expected = Convert.FromBase64String(parts[3]);
                var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Convert.FromBase64String(parts[2]), iterations,
                    HashAlgorithmName.SHA256, expected.Length);
                return CryptographicOperations.FixedTimeEquals(actual, expected);
            }
            catch (FormatException)
            {
                return false;
            }
        }
    }
}
