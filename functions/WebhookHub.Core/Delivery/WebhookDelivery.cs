using WebhookHub.Ingestion;

namespace WebhookHub.Delivery;

/// <summary>One event on its way to one subscription.</summary>
/// <param name="Id">Stable ID, <c>dlv_…</c>, derived from event and subscription (see <see cref="EventIds.ForDelivery"/>).</param>
/// <param name="TenantId">The tenant.</param>
/// <param name="EventId">The event.</param>
/// <param name="SubscriptionId">The subscription.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="AttemptCount">Attempts made so far, over its whole life (replays included).</param>
/// <param name="RetryIndex">Attempts made since it was created or last replayed: the position in the retry schedule.</param>
/// <param name="NextAttemptAt">When the next attempt is due (meaningful while pending or failed).</param>
/// <param name="CreatedAt">When fan-out created it.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="LastStatusCode">The HTTP status of the last attempt, or <see langword="null"/> when none was received.</param>
/// <param name="LastError">Why the last attempt failed, or <see langword="null"/>.</param>
public sealed record WebhookDelivery(
    string Id,
    string TenantId,
    string EventId,
    string SubscriptionId,
    DeliveryStatus Status,
    int AttemptCount,
    int RetryIndex,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int? LastStatusCode,
    string? LastError)
{
    /// <summary>A new pending delivery of <paramref name="webhookEvent"/> to a subscription, due at <paramref name="now"/>.</summary>
    public static WebhookDelivery CreatePending(WebhookEvent webhookEvent, string subscriptionId, DateTimeOffset now) =>
        new(EventIds.ForDelivery(webhookEvent.Id, subscriptionId), webhookEvent.TenantId, webhookEvent.Id, subscriptionId,
            DeliveryStatus.Pending, 0, 0, now, now, now, null, null);
}
