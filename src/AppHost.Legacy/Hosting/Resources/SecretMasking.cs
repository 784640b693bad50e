using System.Text.RegularExpressions;

namespace Platform.AppHost.Hosting.Resources;

/// <summary>How secrets are hidden wherever the AppHost shows configuration: the terminal and the dashboard.</summary>
public static partial class SecretMasking
{
    public const string Mask = "***";

    /// <summary>Connection strings are shown without their passwords.</summary>
    public static string RedactConnectionString(string connectionString) =>
        ConnectionStringSecret().Replace(connectionString, m =>
            m.Groups["key"].Success ? m.Groups["key"].Value + Mask : m.Groups["user"].Value + Mask + "@");

    /// <summary>An environment variable's value as it may be shown.</summary>
    public static string MaskVariable(string name, string value) =>
        SecretName().IsMatch(name) ? Mask
        : name.StartsWith("ConnectionStrings__", StringComparison.Ordinal) ? RedactConnectionString(value)
        : value;

    [GeneratedRegex(@"(?i)(?<key>password=)[^;]*|(?<user>amqps?://[^:/@]+:)[^@]*@")]
    private static partial Regex ConnectionStringSecret();

    [GeneratedRegex(@"(?i)password|secret|token|apikey|api_key|_KEY$|HEADERS")]
    private static partial Regex SecretName();
}
