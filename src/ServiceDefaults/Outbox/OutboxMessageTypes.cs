using System.Text.Json;

namespace Platform.ServiceDefaults.Outbox;

/// <summary>How an outbox row names its message type and stores its payload.</summary>
public static class OutboxMessageTypes
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string NameOf(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public static Type Resolve(string name) =>
        Type.GetType(name, throwOnError: false)
        ?? throw new InvalidOperationException($"Outbox message type '{name}' is not known to this service (was it renamed?).");
}
