namespace WebhookHub.Delivery;

/// <summary>
/// Reads a tenant's deliveries for the API: filtered lists and the dead-letter list of a subscription, both newest first
/// (by creation, then ID) with keyset paging. Every method sees only the given tenant's deliveries.
/// </summary>
public interface IDeliveryQueries
{
    /// <summary>Lists a tenant's deliveries matching <paramref name="query"/>, newest first.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string tenantId, DeliveryQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists the dead-lettered deliveries of one of a tenant's subscriptions, newest first, with each one's event type, reason,
    /// last status and attempt count.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="subscriptionId">The subscription; one of another tenant gives an empty list.</param>
    /// <param name="limit">The most to return, 1 to 1000.</param>
    /// <param name="afterDeliveryId">The last delivery ID of the previous page, or <see langword="null"/> for the first page.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(
        string tenantId, string subscriptionId, int limit, string? afterDeliveryId, CancellationToken cancellationToken = default);
}
