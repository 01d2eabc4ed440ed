using WebhookHub.Delivery;
using WebhookHub.Ingestion;
using WebhookHub.Tenancy;

namespace WebhookHub.Routing;

/// <summary>
/// Dispatches events: plans their deliveries from each tenant's current subscriptions and records them, with the events
/// marked dispatched, in one commit. Thread-safe.
/// </summary>
public sealed class Dispatcher(ITenantStore tenants, IDispatchQueue queue, TimeProvider timeProvider)
{
    /// <summary>Creates the events' deliveries and marks the events dispatched; returns the deliveries planned.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> DispatchAsync(IReadOnlyList<WebhookEvent> events, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var deliveries = new List<WebhookDelivery>();
        foreach (var tenantEvents in events.GroupBy(e => e.TenantId))
        {
            var subscriptions = await tenants.ListSubscriptionsAsync(tenantEvents.Key, cancellationToken).ConfigureAwait(false);
            foreach (var webhookEvent in tenantEvents) deliveries.AddRange(FanOut.Plan(webhookEvent, subscriptions, now));
        }

        await queue.CompleteDispatchAsync(events.Select(e => e.Id).ToList(), deliveries, cancellationToken).ConfigureAwait(false);
        return deliveries;
    }
}
