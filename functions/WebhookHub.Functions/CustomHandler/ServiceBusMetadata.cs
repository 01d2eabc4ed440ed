using System.Globalization;
using System.Text.Json;

namespace WebhookHub.Functions.CustomHandler;

/// <summary>
/// The Service Bus trigger metadata of an invocation (learn.microsoft.com/azure/azure-functions/functions-bindings-service-bus-trigger,
/// "Message metadata"): <c>MessageId</c>, <c>DeliveryCount</c> (one-based: 1 on the first delivery), <c>EnqueuedTimeUtc</c>, and the
/// application properties, named <c>ApplicationProperties</c> by extension 5.x and <c>UserProperties</c> by earlier ones. A custom
/// handler may receive each value as JSON or as a string holding it (numbers as <c>"1"</c>, objects as JSON text); both are read.
/// </summary>
/// <param name="MessageId">The message ID (WebhookHub sets the event or delivery ID, for duplicate detection), or <see langword="null"/>.</param>
/// <param name="DeliveryCount">How many times the message has been delivered, this time included; 0 when absent.</param>
/// <param name="EnqueuedTimeUtc">When the message was enqueued, or <see langword="null"/>.</param>
/// <param name="ApplicationProperties">The application (user) properties, as JSON values; empty when absent.</param>
internal sealed record ServiceBusMetadata(
    string? MessageId, int DeliveryCount, DateTimeOffset? EnqueuedTimeUtc, IReadOnlyDictionary<string, JsonElement> ApplicationProperties)
{
    /// <summary>Reads the metadata object of an invocation; absent or malformed values are left empty, never thrown.</summary>
    public static ServiceBusMetadata Read(JsonElement metadata)
    {
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (metadata.ValueKind != JsonValueKind.Object) return new ServiceBusMetadata(null, 0, null, properties);

        string? messageId = null;
        var deliveryCount = 0;
        DateTimeOffset? enqueued = null;
        foreach (var property in metadata.EnumerateObject())
        {
            switch (property.Name.ToLowerInvariant())
            {
                case "messageid":
                    messageId = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
                    break;
                case "deliverycount":
                    deliveryCount = ReadInt(property.Value);
                    break;
                case "enqueuedtimeutc":
                    enqueued = ReadTime(property.Value);
                    break;
                case "applicationproperties" or "userproperties":
                    // ApplicationProperties (extension 5.x) wins over the older UserProperties when both are sent.
                    if (properties.Count > 0 && property.Name.Equals("UserProperties", StringComparison.OrdinalIgnoreCase)) break;
                    if (ReadObject(property.Value) is { } bag)
                    {
                        properties.Clear();
                        foreach (var entry in bag.EnumerateObject()) properties[entry.Name] = entry.Value.Clone();
                    }

                    break;
            }
        }

        return new ServiceBusMetadata(messageId, deliveryCount, enqueued, properties);
    }

    /// <summary>
    /// The <c>Diagnostic-Id</c> application property (key matched without case; see <see cref="Tracing.TraceContext"/>): the W3C
    /// <c>traceparent</c> of the work that sent the message, or <see langword="null"/> when absent or not a string.
    /// </summary>
    public string? DiagnosticId
    {
        get
        {
            foreach (var (name, value) in ApplicationProperties)
            {
                if (name.Equals(Tracing.TraceContext.DiagnosticIdProperty, StringComparison.OrdinalIgnoreCase))
                {
                    return value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                }
            }

            return null;
        }
    }

    private static int ReadInt(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt32(out var number) => number,
        JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) => number,
        _ => 0,
    };

    private static DateTimeOffset? ReadTime(JsonElement value) =>
        value.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;

    private static JsonElement? ReadObject(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Object) return value;
        if (value.ValueKind != JsonValueKind.String) return null;
        try
        {
            using var document = JsonDocument.Parse(value.GetString()!);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
