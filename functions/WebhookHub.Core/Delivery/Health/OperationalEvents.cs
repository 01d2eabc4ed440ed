using System.Buffers;
using System.Text.Json;
using WebhookHub.Ingestion;
using WebhookHub.Routing;

namespace WebhookHub.Delivery;

/// <summary>
/// Operational events: what the delivery engine tells a tenant about its own endpoints, stored as events of the tenant and
/// delivered like any other event. They come from the reserved source <see cref="SourceId"/>, so no provider can send one.
/// </summary>
/// <remarks>
/// <para>Types: <see cref="AttemptFailing"/>, <see cref="DeliveryExhausted"/>, <see cref="EndpointDisabled"/>,
/// <see cref="EndpointRecovered"/>.</para>
/// <para>Routing: only subscriptions whose event-type filters name them receive them, that is an exact type or a prefix
/// wildcard such as <c>webhookhub.*</c> or <c>webhookhub.endpoint.*</c>; the catch-all <c>*</c> does not, so existing
/// subscribers are not sent events they never asked for. A subscription's source filter does not apply to them.</para>
/// <para>No loops: an attempt to deliver an operational event never emits another one (it still counts for the endpoint's
/// health and circuit).</para>
/// <para>Each is emitted once: its event ID derives from what it reports (see <see cref="EventIds.ForEvent"/>), so a second
/// emission is a duplicate the store ignores.</para>
/// <para>Payload (<c>application/json</c>): <c>{"type":"webhookhub.…","timestamp":"2026-11-21T12:00:00+00:00","data":{…}}</c>,
/// times in ISO 8601. <c>data</c> of the attempt events: <c>subscriptionId</c>, <c>deliveryId</c>, <c>eventId</c>,
/// <c>eventType</c>, <c>attempt</c> (one-based), <c>statusCode</c> (or null), <c>reason</c>, <c>attemptedAt</c>; of
/// <c>endpoint.disabled</c>: <c>subscriptionId</c>, <c>reason</c>, <c>disabledAt</c>, <c>failingSince</c> (or null); of
/// <c>endpoint.recovered</c>: <c>subscriptionId</c>, <c>failingSince</c>, <c>failedAttempts</c>, <c>recoveredAt</c>.
/// The endpoint's URL is left out, as it may carry credentials.</para>
/// </remarks>
public static class OperationalEvents
{
    /// <summary>The reserved source ID of every operational event (source IDs of providers are <c>src_…</c>).</summary>
    public const string SourceId = "webhookhub";

    /// <summary>A delivery's attempt failed for the <c>FailingEventAfterAttempts</c>-th consecutive time (default 4th); once per delivery and retry cycle.</summary>
    public const string AttemptFailing = "webhookhub.attempt.failing";

    /// <summary>A delivery was dead-lettered after an attempt (its retry schedule ran out, or the answer was permanent).</summary>
    public const string DeliveryExhausted = "webhookhub.delivery.exhausted";

    /// <summary>The engine disabled a subscription (continuous failure, or another rule such as 410 Gone).</summary>
    public const string EndpointDisabled = "webhookhub.endpoint.disabled";

    /// <summary>An endpoint succeeded after at least <c>FailingEventAfterAttempts</c> consecutive failed attempts.</summary>
    public const string EndpointRecovered = "webhookhub.endpoint.recovered";

    /// <summary><see langword="true"/> for an operational event (from the reserved source).</summary>
    public static bool IsOperational(WebhookEvent webhookEvent) => webhookEvent.SourceId == SourceId;

    /// <summary><see langword="true"/> when <paramref name="filter"/> names <paramref name="eventType"/> explicitly: matches it and is not <c>*</c>.</summary>
    public static bool Selects(string filter, string? eventType) => filter != "*" && EventTypeFilter.Matches(filter, eventType);

    /// <summary>A <see cref="AttemptFailing"/> or <see cref="DeliveryExhausted"/> event about <paramref name="attempt"/>.</summary>
    public static WebhookEvent ForAttempt(string type, DeliveryJob job, DeliveryAttempt attempt, DateTimeOffset now) =>
        Create(job.Delivery.TenantId, type, $"{type}/{job.Delivery.Id}/{attempt.AttemptNumber}", now, data =>
        {
            data.WriteString("subscriptionId", job.Subscription.Id);
            data.WriteString("deliveryId", job.Delivery.Id);
            data.WriteString("eventId", job.Event.Id);
            data.WriteString("eventType", job.Event.EventType);
            data.WriteNumber("attempt", attempt.AttemptNumber);
            if (attempt.StatusCode is { } code) data.WriteNumber("statusCode", code);
            else data.WriteNull("statusCode");
            data.WriteString("reason", attempt.Error);
            data.WriteString("attemptedAt", attempt.StartedAt);
        });

    /// <summary>An <see cref="EndpointDisabled"/> event; one per (subscription, <paramref name="disabledAt"/>).</summary>
    public static WebhookEvent ForDisabled(string tenantId, string subscriptionId, string? reason, DateTimeOffset disabledAt, DateTimeOffset? failingSince, DateTimeOffset now) =>
        Create(tenantId, EndpointDisabled, $"{EndpointDisabled}/{subscriptionId}/{disabledAt.ToUnixTimeMilliseconds()}", now, data =>
        {
            data.WriteString("subscriptionId", subscriptionId);
            data.WriteString("reason", reason);
            data.WriteString("disabledAt", disabledAt);
            if (failingSince is { } since) data.WriteString("failingSince", since);
            else data.WriteNull("failingSince");
        });

    /// <summary>An <see cref="EndpointRecovered"/> event; one per (subscription, <paramref name="failingSince"/>).</summary>
    public static WebhookEvent ForRecovered(string tenantId, string subscriptionId, DateTimeOffset failingSince, int failedAttempts, DateTimeOffset recoveredAt) =>
        Create(tenantId, EndpointRecovered, $"{EndpointRecovered}/{subscriptionId}/{failingSince.ToUnixTimeMilliseconds()}", recoveredAt, data =>
        {
            data.WriteString("subscriptionId", subscriptionId);
            data.WriteString("failingSince", failingSince);
            data.WriteNumber("failedAttempts", failedAttempts);
            data.WriteString("recoveredAt", recoveredAt);
        });

    private static WebhookEvent Create(string tenantId, string type, string key, DateTimeOffset now, Action<Utf8JsonWriter> writeData)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WriteString("timestamp", now);
            writer.WriteStartObject("data");
            writeData(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return new WebhookEvent(EventIds.ForEvent(SourceId, key), tenantId, SourceId, key, type, "application/json", buffer.WrittenMemory.ToArray(), now);
    }
}
