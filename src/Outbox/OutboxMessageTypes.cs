using System.Text.Json;

namespace Platform.Outbox;

/// <summary>How an outbox row names its message type and stores its payload.</summary>
public static class OutboxMessageTypes
{
    // jsonb does not keep key order, so a polymorphic batch's "$kind" may come back after other properties.
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { AllowOutOfOrderMetadataProperties = true };

    public static string NameOf(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public static Type Resolve(string name) =>
        Type.GetType(name, throwOnError: false)
        ?? throw new InvalidOperationException($"Outbox message type '{name}' is not known to this service (was it renamed?).");
}
