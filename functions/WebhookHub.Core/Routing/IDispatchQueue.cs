using WebhookHub.Delivery;
using WebhookHub.Ingestion;

namespace WebhookHub.Routing;

/// <summary>The queue of stored events waiting for fan-out.</summary>
public interface IDispatchQueue
{
    /// <summary>
    /// Leases up to <paramref name="max"/> events not yet dispatched and not leased by another worker; a lease that runs out
    /// without <see cref="CompleteDispatchAsync"/> makes the event claimable again (a crashed worker loses nothing).
    /// </summary>
    Task<IReadOnlyList<WebhookEvent>> ClaimAsync(int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Inserts the deliveries (skipping IDs that exist) and marks the events dispatched, all in one commit.</summary>
    Task CompleteDispatchAsync(IReadOnlyList<string> eventIds, IReadOnlyList<WebhookDelivery> deliveries, CancellationToken cancellationToken = default);
}
