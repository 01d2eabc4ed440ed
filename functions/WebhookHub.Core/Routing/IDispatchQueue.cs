using WebhookHub.Delivery;
using WebhookHub.Ingestion;

namespace WebhookHub.Routing;

/// <summary>The queue of stored events waiting for fan-out.</summary>
public interface IDispatchQueue
{
    /// <summary>
    /// Claims up to <paramref name="max"/> stored events not yet dispatched, oldest first. An event stays undispatched until
    /// <see cref="CompleteDispatchAsync"/> records it, so a consumer that dies loses nothing: its events are claimed again.
    /// Queues with several consumers lease claimed events for <paramref name="lease"/>; a queue with one consumer may ignore it.
    /// </summary>
    Task<IReadOnlyList<WebhookEvent>> ClaimAsync(int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads one stored event of <paramref name="tenantId"/> by ID, whether or not it was dispatched, or <see langword="null"/>
    /// (also when the event belongs to another tenant). For consumers handed a single event by a message queue (the Azure Functions
    /// host's Service Bus trigger); messages carry the tenant because stores partition by it.
    /// </summary>
    Task<WebhookEvent?> FindEventAsync(string tenantId, string eventId, CancellationToken cancellationToken = default);

    /// <summary>Inserts the deliveries (skipping IDs that exist) and marks the events dispatched, all in one commit.</summary>
    Task CompleteDispatchAsync(IReadOnlyList<string> eventIds, IReadOnlyList<WebhookDelivery> deliveries, CancellationToken cancellationToken = default);
}
