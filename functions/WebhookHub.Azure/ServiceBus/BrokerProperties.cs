using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace WebhookHub.Azure.ServiceBus;

/// <summary>
/// The <c>BrokerProperties</c> JSON: written for sends (only the properties that are set) and read from peek-lock responses.
/// Names and formats: https://learn.microsoft.com/rest/api/servicebus/message-headers-and-properties (date-times RFC 1123,
/// <c>TimeToLive</c> a number of seconds).
/// </summary>
internal static class BrokerProperties
{
    /// <summary>The JSON object for a single send's header, or null when no broker property is set.</summary>
    public static string? ToHeaderValue(ServiceBusMessage message)
    {
        if (!HasAny(message)) return null;
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer)) Write(writer, message);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static bool HasAny(ServiceBusMessage message) =>
        message.MessageId is not null || message.CorrelationId is not null || message.SessionId is not null || message.Subject is not null
        || message.TimeToLive is not null || message.ScheduledEnqueueTime is not null;

    /// <summary>Writes the object, properties in a fixed order: MessageId, CorrelationId, SessionId, Label, TimeToLive, ScheduledEnqueueTimeUtc.</summary>
    public static void Write(Utf8JsonWriter writer, ServiceBusMessage message)
    {
        writer.WriteStartObject();
        if (message.MessageId is not null) writer.WriteString("MessageId", message.MessageId);
        if (message.CorrelationId is not null) writer.WriteString("CorrelationId", message.CorrelationId);
        if (message.SessionId is not null) writer.WriteString("SessionId", message.SessionId);
        if (message.Subject is not null) writer.WriteString("Label", message.Subject);
        if (message.TimeToLive is { } ttl)
        {
            if (ttl <= TimeSpan.Zero) throw new ArgumentException($"A message's time to live must be positive; it is {ttl.TotalSeconds} s.", nameof(message));
            writer.WriteNumber("TimeToLive", ttl.TotalSeconds);
        }

        if (message.ScheduledEnqueueTime is { } scheduled) writer.WriteString("ScheduledEnqueueTimeUtc", FormatRfc1123RoundedUp(scheduled));
        writer.WriteEndObject();
    }

    /// <summary>RFC 1123 (<c>Sun, 06 Nov 1994 08:49:37 GMT</c>) of <paramref name="time"/> in UTC, a fraction of a second rounded up.</summary>
    public static string FormatRfc1123RoundedUp(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        var remainder = utc.Ticks % TimeSpan.TicksPerSecond;
        if (remainder != 0) utc = utc.AddTicks(TimeSpan.TicksPerSecond - remainder);
        return utc.ToString("r", CultureInfo.InvariantCulture);
    }

    /// <summary>Parses an RFC 1123 date-time (surrounding spaces allowed), or null when it is not one.</summary>
    public static DateTimeOffset? ParseRfc1123(string? value) =>
        value is not null && DateTimeOffset.TryParseExact(value.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;

    /// <summary>Reads a peek-lock response's <c>BrokerProperties</c> header into a received message.</summary>
    /// <exception cref="FormatException">The header is not a JSON object or has no <c>LockToken</c>.</exception>
    public static ServiceBusReceivedMessage ToReceivedMessage(
        string brokerProperties, ReadOnlyMemory<byte> body, Uri location, string? contentType, IReadOnlyDictionary<string, string> applicationProperties)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(brokerProperties);
        }
        catch (JsonException)
        {
            throw new FormatException("The BrokerProperties response header is not JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new FormatException("The BrokerProperties response header is not a JSON object.");
            var lockToken = String(root, "LockToken") ?? throw new FormatException("The BrokerProperties response header has no LockToken.");
            return new ServiceBusReceivedMessage(body, lockToken, location, applicationProperties)
            {
                MessageId = String(root, "MessageId"),
                DeliveryCount = (int)(Number(root, "DeliveryCount") ?? 0),
                SequenceNumber = (long)(Number(root, "SequenceNumber") ?? 0),
                LockedUntil = ParseRfc1123(String(root, "LockedUntilUtc")),
                EnqueuedTime = ParseRfc1123(String(root, "EnqueuedTimeUtc")),
                SessionId = String(root, "SessionId"),
                CorrelationId = String(root, "CorrelationId"),
                Subject = String(root, "Label"),
                ContentType = contentType,
                TimeToLive = Number(root, "TimeToLive") is { } seconds && seconds < TimeSpan.MaxValue.TotalSeconds ? TimeSpan.FromSeconds(seconds) : null,
            };
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
