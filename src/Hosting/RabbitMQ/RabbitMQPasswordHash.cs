using System.Security.Cryptography;
using System.Text;

namespace Platform.Hosting.RabbitMQ;

/// <summary>RabbitMQ's rabbit_password_hashing_sha256: base64 of a 4-byte salt followed by SHA-256(salt + password).</summary>
public static class RabbitMQPasswordHash
{
    public const string Algorithm = "rabbit_password_hashing_sha256";

    public static string Compute(string password, ReadOnlySpan<byte> salt)
    {
        byte[] salted = [.. salt, .. Encoding.UTF8.GetBytes(password)];
        return Convert.ToBase64String([.. salt, .. SHA256.HashData(salted)]);
    }

    public static string Compute(string password) => Compute(password, RandomNumberGenerator.GetBytes(4));
}
