namespace WebhookHub.Delivery;

/// <summary>A dead-lettered delivery as the dead-letter list shows it: why it died, and how far it got.</summary>
/// <param name="DeliveryId">The delivery, <c>dlv_…</c>; replay it with <c>POST /api/deliveries/{id}/replay</c>.</param>
/// <param name="EventId">Its event.</param>
/// <param name="EventType">The event's type, or <see langword="null"/> when the provider sent none.</param>
/// <param name="SubscriptionId">Its subscription.</param>
/// <param name="Reason">Why the last attempt failed (the delivery's <see cref="WebhookDelivery.LastError"/>): <c>HTTP 503</c>, <c>timed out after 15 s</c>, <c>connection reset</c>, …</param>
/// <param name="LastStatusCode">The HTTP status of the last attempt, or <see langword="null"/> when no response arrived.</param>
/// <param name="AttemptCount">Attempts made over the delivery's whole life (replays included).</param>
/// <param name="DeadLetteredAt">When the last attempt dead-lettered it.</param>
/// <param name="CreatedAt">When fan-out created the delivery; the list is ordered by this, newest first.</param>
public sealed record DeadLetter(
    string DeliveryId,
    string EventId,
    string? EventType,
    string SubscriptionId,
    string? Reason,
    int? LastStatusCode,
    int AttemptCount,
    DateTimeOffset DeadLetteredAt,
    DateTimeOffset CreatedAt);
