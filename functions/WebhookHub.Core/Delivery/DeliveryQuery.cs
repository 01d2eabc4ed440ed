namespace WebhookHub.Delivery;

/// <summary>Which of a tenant's deliveries to list; every filter left <see langword="null"/> matches all.</summary>
/// <param name="Status">Only deliveries in this state.</param>
/// <param name="SubscriptionId">Only deliveries to this subscription.</param>
/// <param name="EventId">Only deliveries of this event.</param>
/// <param name="Limit">The most to return, 1 to 1000.</param>
/// <param name="AfterDeliveryId">
/// Keyset paging: the last delivery ID of the previous page; the list continues after it. An ID that is not one of the
/// tenant's deliveries gives an empty page.
/// </param>
public sealed record DeliveryQuery(
    DeliveryStatus? Status = null,
    string? SubscriptionId = null,
    string? EventId = null,
    int Limit = 100,
    string? AfterDeliveryId = null);
