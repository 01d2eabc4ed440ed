using System.Text.Json;

namespace WebhookHub.Functions.CustomHandler;

/// <summary>
/// Reads a queue message handed to a custom handler as a JSON object. The Functions host passes a Service Bus message body as
/// the trigger's <c>Data</c> value: a JSON object when the body was JSON, or a JSON string holding the body's text; and some host
/// versions encode that string a second time (<c>"\"{\\\"eventId\\\":…}\""</c>), a known custom-handler quirk. All three are accepted.
/// </summary>
internal static class QueueMessage
{
    /// <summary>How many string layers are unwrapped at most (the body itself, plus the double encoding).</summary>
    private const int MaxStringLayers = 3;

    /// <summary>The message as a JSON object, or <see langword="null"/> with <paramref name="error"/> when it is not one.</summary>
    /// <param name="value">The trigger's <c>Data</c> value.</param>
    /// <param name="error">Why the value was rejected (no message content is echoed).</param>
    public static JsonElement? TryReadObject(JsonElement value, out string? error)
    {
        for (var layer = 0; layer <= MaxStringLayers; layer++)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    error = null;
                    return value;
                case JsonValueKind.String when layer < MaxStringLayers:
                    try
                    {
                        using var document = JsonDocument.Parse(value.GetString()!);
                        value = document.RootElement.Clone();
                    }
                    catch (JsonException)
                    {
                        error = "message is a string that is not JSON";
                        return null;
                    }

                    break;
                default:
                    error = $"message is a JSON {value.ValueKind.ToString().ToLowerInvariant()}, not an object";
                    return null;
            }
        }

        error = "message is JSON-encoded more than three times";
        return null;
    }

    /// <summary>
    /// The non-empty string properties <c>tenantId</c> and <paramref name="name"/> of the message in <paramref name="value"/>
    /// (<c>{"tenantId":"ten_…","eventId":"evt_…"}</c>), or <see langword="null"/> with <paramref name="error"/>.
    /// </summary>
    public static (string TenantId, string Id)? TryReadIds(JsonElement value, string name, out string? error)
    {
        if (TryReadObject(value, out error) is not { } message) return null;
        if (ReadString(message, TenantIdProperty) is not { } tenantId)
        {
            error = $"message has no \"{TenantIdProperty}\" string";
            return null;
        }

        if (ReadString(message, name) is not { } id)
        {
            error = $"message has no \"{name}\" string";
            return null;
        }

        return (tenantId, id);
    }

    /// <summary>The property every WebhookHub message carries: stores partition by tenant.</summary>
    public const string TenantIdProperty = "tenantId";

    private static string? ReadString(JsonElement message, string name) =>
        message.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= 200 } text
            ? text
            : null;
}
