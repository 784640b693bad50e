using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Gateway.Tests;

/// <summary>Reads ASP.NET Core Identity's v3 password hash layout, and makes hashes in the platform's earlier format.</summary>
internal static class IdentityV3Hash
{
    public const uint HmacSha512 = 2;

    public sealed record Parameters(uint Prf, int Iterations, byte[] Salt);

    // 0x01, then PRF, iteration count and salt length as big-endian 32-bit numbers, then the salt and the subkey.
    public static Parameters Read(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]);
        var saltLength = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(9));
        return new Parameters(BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1)), (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5)),
            bytes.AsSpan(13, saltLength).ToArray());
    }

    /// <summary>A hash as the platform stored them before it used Identity: <c>pbkdf2-sha256$iterations$salt$hash</c>.</summary>
    public static string EarlierPbkdf2Sha256(string password, int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2-sha256${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }
}
