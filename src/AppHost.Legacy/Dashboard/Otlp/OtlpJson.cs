using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;

namespace Platform.AppHost.Dashboard.Otlp;

/// <summary>
/// OTLP's JSON encoding is protobuf's JSON mapping with one difference: trace and span ids are hex, not base64.
/// The ids are rewritten to base64, then Google.Protobuf's parser does the rest (unknown fields ignored, as the
/// specification asks of receivers).
/// </summary>
public static class OtlpJson
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
    private static readonly HashSet<string> IdFields = ["traceId", "spanId", "parentSpanId", "trace_id", "span_id", "parent_span_id"];

    public static T Parse<T>(string json) where T : IMessage, new()
    {
        var root = JsonNode.Parse(json) ?? throw new JsonException("The body is JSON null.");
        RewriteIds(root);
        return Parser.Parse<T>(root.ToJsonString());
    }

    private static void RewriteIds(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (value is null) continue;
                    if (IdFields.Contains(name) && value is JsonValue id && id.TryGetValue<string>(out var hex))
                        obj[name] = hex.Length == 0 ? "" : Convert.ToBase64String(FromHex(name, hex));
                    else RewriteIds(value);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                    if (item is not null) RewriteIds(item);
                break;
        }
    }

    private static byte[] FromHex(string field, string hex)
    {
        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            throw new JsonException($"'{field}' must be a hex string, not '{hex}'.");
        }
    }
}
