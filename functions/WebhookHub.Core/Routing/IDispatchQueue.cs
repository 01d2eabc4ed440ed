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
    /// Reads one stored event by ID, whatever its tenant and whether or not it was dispatched, or <see langword="null"/>. For
    /// consumers handed a single event ID by a message queue (the Azure Functions host's Service Bus trigger).
    /// </summary>
    Task<WebhookEvent?> FindEventAsync(string eventId, CancellationToken cancellationToken = default);

    /// <summary>Inserts the deliveries (skipping IDs that exist) and marks the events dispatched, all in one commit.</summary>
    Task CompleteDispatchAsync(IReadOnlyList<string> eventIds, IReadOnlyList<WebhookDelivery> deliveries, CancellationToken cancellationToken = default);
}
