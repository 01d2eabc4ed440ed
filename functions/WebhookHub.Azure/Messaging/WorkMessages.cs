using System.Globalization;
using System.Text.Json;

namespace WebhookHub.Azure.Messaging;

/// <summary>
/// The two messages WebhookHub sends: <c>{"tenantId","eventId"}</c> to the events topic and <c>{"tenantId","deliveryId"}</c>
/// to the deliveries queue (the bodies the <c>dispatch</c> and <c>deliver</c> functions read), with the message IDs that Service
/// Bus duplicate detection (https://learn.microsoft.com/azure/service-bus-messaging/duplicate-detection) uses to drop repeats.
/// </summary>
public static class WorkMessages
{
    /// <summary>The body for an event: UTF-8 JSON <c>{"tenantId":"…","eventId":"…"}</c>.</summary>
    public static byte[] EventBody(string tenantId, string eventId) => Body(tenantId, "eventId", eventId);

    /// <summary>The body for a delivery: UTF-8 JSON <c>{"tenantId":"…","deliveryId":"…"}</c>.</summary>
    public static byte[] DeliveryBody(string tenantId, string deliveryId) => Body(tenantId, "deliveryId", deliveryId);

    /// <summary>An event's message ID is the event ID: however often the outbox relays it, dispatch sees it once per window.</summary>
    public static string EventMessageId(string eventId) => eventId;

    /// <summary>
    /// A delivery's message ID for the attempt due at <paramref name="dueAt"/>: <c>dlv_…@{Unix ms}</c>. Sending the same due
    /// attempt twice (a retried send, a repaired schedule) is dropped as a duplicate; a new due time is a new message.
    /// </summary>
    public static string DeliveryMessageId(string deliveryId, DateTimeOffset dueAt) =>
        deliveryId + "@" + dueAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private static byte[] Body(string tenantId, string name, string id)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("tenantId", tenantId);
            writer.WriteString(name, id);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
