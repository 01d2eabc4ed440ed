using WebhookHub.Delivery;
using WebhookHub.Ingestion;
using WebhookHub.Tenancy;

namespace WebhookHub.Routing;

/// <summary>Fan-out: which of a tenant's subscriptions an event goes to, and the delivery each one gets.</summary>
public static class FanOut
{
    /// <summary>
    /// <see langword="true"/> when <paramref name="subscription"/> is active, belongs to the event's tenant, has a matching
    /// event-type filter, and either has no source filter or lists the event's source. Operational events
    /// (<see cref="OperationalEvents"/>) match only filters that name them (not <c>*</c>), whatever the source filter.
    /// </summary>
    public static bool Matches(Subscription subscription, WebhookEvent webhookEvent) =>
        subscription.Active
        && subscription.TenantId == webhookEvent.TenantId
        && (OperationalEvents.IsOperational(webhookEvent)
            ? subscription.EventTypes.Any(filter => OperationalEvents.Selects(filter, webhookEvent.EventType))
            : (subscription.SourceIds.Count == 0 || subscription.SourceIds.Contains(webhookEvent.SourceId))
              && subscription.EventTypes.Any(filter => EventTypeFilter.Matches(filter, webhookEvent.EventType)));

    /// <summary>Plans one pending delivery, due at <paramref name="now"/>, per matching subscription; IDs are stable per (event, subscription).</summary>
    public static IReadOnlyList<WebhookDelivery> Plan(WebhookEvent webhookEvent, IEnumerable<Subscription> subscriptions, DateTimeOffset now) =>
        subscriptions
            .Where(s => Matches(s, webhookEvent))
            .Select(s => WebhookDelivery.CreatePending(webhookEvent, s.Id, now))
            .ToList();
}
