namespace WebhookHub.Delivery;

/// <summary>Stores deliveries and their attempts, and queues the due ones. Reads taking a tenant ID see only that tenant.</summary>
public interface IDeliveryStore
{
    /// <summary>
    /// Leases up to <paramref name="max"/> pending or failed deliveries due at <paramref name="now"/>, oldest due first.
    /// A lease that runs out without <see cref="RecordAttemptAsync"/> makes the delivery claimable again.
    /// </summary>
    Task<IReadOnlyList<DeliveryJob>> ClaimDueAsync(int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Records an attempt and the delivery's new state (which releases its lease), in one commit.</summary>
    Task RecordAttemptAsync(WebhookDelivery updated, DeliveryAttempt attempt, CancellationToken cancellationToken = default);

    /// <summary>Reads one of a tenant's deliveries, or <see langword="null"/>.</summary>
    Task<WebhookDelivery?> GetDeliveryAsync(string tenantId, string deliveryId, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's deliveries, newest first, optionally of one status; at most <paramref name="limit"/> (1 to 1000).</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string tenantId, DeliveryStatus? status, int limit, CancellationToken cancellationToken = default);

    /// <summary>Lists one delivery's attempts, oldest first.</summary>
    Task<IReadOnlyList<DeliveryAttempt>> ListAttemptsAsync(string deliveryId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replays deliveries: each listed delivery that exists is set back to pending, due at <paramref name="now"/> with a fresh
    /// retry schedule; each that does not exist is inserted. Returns the IDs now pending.
    /// </summary>
    Task<IReadOnlyList<string>> ReplayAsync(IReadOnlyList<WebhookDelivery> deliveries, DateTimeOffset now, CancellationToken cancellationToken = default);
}
