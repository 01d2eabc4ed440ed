using WebhookHub.Delivery;
using WebhookHub.Ingestion;
using WebhookHub.Tenancy;

namespace WebhookHub.Routing;

/// <summary>Dispatches one event: plans its deliveries from the tenant's current subscriptions and records them. Thread-safe.</summary>
public sealed class Dispatcher(ITenantStore tenants, IDispatchQueue queue, TimeProvider timeProvider)
{
    /// <summary>Creates the event's deliveries and marks it dispatched; returns the deliveries planned.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> DispatchAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken = default)
    {
        var subscriptions = await tenants.ListSubscriptionsAsync(webhookEvent.TenantId, cancellationToken).ConfigureAwait(false);
        var deliveries = FanOut.Plan(webhookEvent, subscriptions, timeProvider.GetUtcNow());
        await queue.CompleteDispatchAsync(webhookEvent.Id, deliveries, cancellationToken).ConfigureAwait(false);
        return deliveries;
    }
}
