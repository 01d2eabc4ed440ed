using WebhookHub.Delivery;

namespace WebhookHub.Azure.Messaging;

/// <summary>
/// An <see cref="IDeliveryStore"/> that passes every call to an inner store; decorators derive from it and override only what
/// they change (as <see cref="System.Net.Http.DelegatingHandler"/> does for HTTP).
/// </summary>
/// <param name="inner">The store calls go to.</param>
public abstract class DelegatingDeliveryStore(IDeliveryStore inner) : IDeliveryStore
{
    /// <summary>The store calls go to.</summary>
    protected IDeliveryStore Inner { get; } = inner;

    /// <inheritdoc/>
    public virtual Task<IReadOnlyList<DeliveryJob>> ClaimDueAsync(int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default) =>
        Inner.ClaimDueAsync(max, now, lease, cancellationToken);

    /// <inheritdoc/>
    public virtual Task<IReadOnlyList<DeliveryJob>> ClaimDueAsync(DeliveryClaim claim, CancellationToken cancellationToken = default) =>
        Inner.ClaimDueAsync(claim, cancellationToken);

    /// <inheritdoc/>
    public virtual Task<ClaimByIdResult> ClaimByIdAsync(string tenantId, string deliveryId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default) =>
        Inner.ClaimByIdAsync(tenantId, deliveryId, now, lease, cancellationToken);

    /// <inheritdoc/>
    public virtual Task<bool> DeferAsync(string tenantId, string deliveryId, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        Inner.DeferAsync(tenantId, deliveryId, until, cancellationToken);

    /// <inheritdoc/>
    public virtual Task<bool> DeadLetterAsync(string tenantId, string deliveryId, string reason, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Inner.DeadLetterAsync(tenantId, deliveryId, reason, now, cancellationToken);

    /// <inheritdoc/>
    public virtual Task RecordAttemptAsync(WebhookDelivery updated, DeliveryAttempt attempt, CancellationToken cancellationToken = default) =>
        Inner.RecordAttemptAsync(updated, attempt, cancellationToken);

    /// <inheritdoc/>
    public virtual Task<WebhookDelivery?> GetDeliveryAsync(string tenantId, string deliveryId, CancellationToken cancellationToken = default) =>
        Inner.GetDeliveryAsync(tenantId, deliveryId, cancellationToken);

    /// <inheritdoc/>
    public virtual Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string tenantId, DeliveryStatus? status, int limit, CancellationToken cancellationToken = default) =>
        Inner.ListDeliveriesAsync(tenantId, status, limit, cancellationToken);

    /// <inheritdoc/>
    public virtual Task<IReadOnlyList<DeliveryAttempt>> ListAttemptsAsync(string tenantId, string deliveryId, CancellationToken cancellationToken = default) =>
        Inner.ListAttemptsAsync(tenantId, deliveryId, cancellationToken);

    /// <inheritdoc/>
    public virtual Task<IReadOnlyList<string>> ReplayAsync(IReadOnlyList<WebhookDelivery> deliveries, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Inner.ReplayAsync(deliveries, now, cancellationToken);
}
