namespace WebhookHub.Delivery;

/// <summary>Stores deliveries and their attempts, and queues the due ones. Reads taking a tenant ID see only that tenant.</summary>
public interface IDeliveryStore
{
    /// <summary>
    /// Leases up to <paramref name="max"/> pending or failed deliveries due at <paramref name="now"/>, in the fair order of
    /// <see cref="DeliveryClaim"/>, capped per subscription only by subscriptions' own <c>maxConcurrency</c> settings.
    /// A lease that runs out without <see cref="RecordAttemptAsync"/> makes the delivery claimable again.
    /// </summary>
    Task<IReadOnlyList<DeliveryJob>> ClaimDueAsync(int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default) =>
        ClaimDueAsync(new DeliveryClaim(max, now, lease) { DefaultMaxConcurrencyPerSubscription = max }, cancellationToken);

    /// <summary>
    /// Leases up to <see cref="DeliveryClaim.Max"/> pending or failed deliveries due at <see cref="DeliveryClaim.Now"/>, in
    /// the fair order and within the per-subscription allowances that <paramref name="claim"/> describes; returns them in that
    /// order. A lease that runs out without <see cref="RecordAttemptAsync"/>, <see cref="DeferAsync"/> or
    /// <see cref="DeadLetterAsync"/> makes the delivery claimable again.
    /// </summary>
    Task<IReadOnlyList<DeliveryJob>> ClaimDueAsync(DeliveryClaim claim, CancellationToken cancellationToken = default);

    /// <summary>
    /// Leases one delivery by ID, for consumers handed a single delivery (a Service Bus message of the Azure Functions host):
    /// only when it is pending or failed, due at <paramref name="now"/> and not leased by another consumer. A lease that runs
    /// out without <see cref="RecordAttemptAsync"/>, <see cref="DeferAsync"/> or <see cref="DeadLetterAsync"/> makes the
    /// delivery claimable again. Unlike <see cref="ClaimDueAsync(DeliveryClaim, CancellationToken)"/> no fairness or
    /// per-subscription cap applies: the message queue decides the order.
    /// </summary>
    /// <param name="tenantId">The delivery's tenant (messages carry it because stores partition by it); another tenant's
    /// delivery is <see cref="ClaimByIdOutcome.NotFound"/>.</param>
    /// <param name="deliveryId">The delivery (<c>dlv_…</c>).</param>
    /// <param name="now">The time the delivery must be due by; the lease is measured from it.</param>
    /// <param name="lease">How long the delivery stays leased.</param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    /// <returns>The outcome, with the delivery as stored and, when claimed, its job.</returns>
    Task<ClaimByIdResult> ClaimByIdAsync(string tenantId, string deliveryId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// Puts a claimed delivery back unattempted: due again at <paramref name="until"/>, lease released, its attempt count and
    /// place in the retry schedule unchanged. For deliveries held back by an open circuit or a rate limit.
    /// </summary>
    /// <returns><see langword="false"/> when the tenant has no such delivery or it is not pending or failed (nothing changed).</returns>
    Task<bool> DeferAsync(string tenantId, string deliveryId, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>
    /// Dead-letters a pending or failed delivery without an attempt (for example because its endpoint is disabled): status
    /// dead, <see cref="WebhookDelivery.LastError"/> set to <paramref name="reason"/>, lease released.
    /// </summary>
    /// <returns><see langword="false"/> when the tenant has no such delivery or it is not pending or failed (nothing changed).</returns>
    Task<bool> DeadLetterAsync(string tenantId, string deliveryId, string reason, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Records an attempt and the delivery's new state (which releases its lease), in one commit.</summary>
    Task RecordAttemptAsync(WebhookDelivery updated, DeliveryAttempt attempt, CancellationToken cancellationToken = default);

    /// <summary>Reads one of a tenant's deliveries, or <see langword="null"/>.</summary>
    Task<WebhookDelivery?> GetDeliveryAsync(string tenantId, string deliveryId, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's deliveries, newest first, optionally of one status; at most <paramref name="limit"/> (1 to 1000).</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string tenantId, DeliveryStatus? status, int limit, CancellationToken cancellationToken = default);

    /// <summary>Lists one delivery's attempts, oldest first.</summary>
    Task<IReadOnlyList<DeliveryAttempt>> ListAttemptsAsync(string tenantId, string deliveryId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replays deliveries: each listed delivery that exists is set back to pending, due at <paramref name="now"/> with a fresh
    /// retry schedule; each that does not exist is inserted. Returns the IDs now pending.
    /// </summary>
    Task<IReadOnlyList<string>> ReplayAsync(IReadOnlyList<WebhookDelivery> deliveries, DateTimeOffset now, CancellationToken cancellationToken = default);
}
