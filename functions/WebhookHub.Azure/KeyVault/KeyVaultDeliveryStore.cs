using WebhookHub.Delivery;
using WebhookHub.Tenancy;

namespace WebhookHub.Azure.KeyVault;

/// <summary>
/// An <see cref="IDeliveryStore"/> that gives claimed deliveries their subscription's signing values: claims read each
/// subscription straight from the store (not through <see cref="ITenantStore"/>), where <see cref="KeyVaultTenantStore"/> left
/// references, so the jobs' subscriptions are resolved here before the deliverer signs with them. Everything else passes through.
/// </summary>
internal sealed class KeyVaultDeliveryStore(IDeliveryStore inner, SigningSecretReferences secrets) : IDeliveryStore
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<DeliveryJob>> ClaimDueAsync(int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default) =>
        await ResolveAsync(await inner.ClaimDueAsync(max, now, lease, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<DeliveryJob>> ClaimDueAsync(DeliveryClaim claim, CancellationToken cancellationToken = default) =>
        await ResolveAsync(await inner.ClaimDueAsync(claim, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task<ClaimByIdResult> ClaimByIdAsync(string tenantId, string deliveryId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var result = await inner.ClaimByIdAsync(tenantId, deliveryId, now, lease, cancellationToken).ConfigureAwait(false);
        return result.Job is { } job ? result with { Job = await ResolveAsync(job, cancellationToken).ConfigureAwait(false) } : result;
    }

    /// <inheritdoc/>
    public Task<bool> DeferAsync(string tenantId, string deliveryId, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        inner.DeferAsync(tenantId, deliveryId, until, cancellationToken);

    /// <inheritdoc/>
    public Task<bool> DeadLetterAsync(string tenantId, string deliveryId, string reason, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.DeadLetterAsync(tenantId, deliveryId, reason, now, cancellationToken);

    /// <inheritdoc/>
    public Task RecordAttemptAsync(WebhookDelivery updated, DeliveryAttempt attempt, CancellationToken cancellationToken = default) =>
        inner.RecordAttemptAsync(updated, attempt, cancellationToken);

    /// <inheritdoc/>
    public Task<WebhookDelivery?> GetDeliveryAsync(string tenantId, string deliveryId, CancellationToken cancellationToken = default) =>
        inner.GetDeliveryAsync(tenantId, deliveryId, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string tenantId, DeliveryStatus? status, int limit, CancellationToken cancellationToken = default) =>
        inner.ListDeliveriesAsync(tenantId, status, limit, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<DeliveryAttempt>> ListAttemptsAsync(string tenantId, string deliveryId, CancellationToken cancellationToken = default) =>
        inner.ListAttemptsAsync(tenantId, deliveryId, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> ReplayAsync(IReadOnlyList<WebhookDelivery> deliveries, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.ReplayAsync(deliveries, now, cancellationToken);

    private Task<IReadOnlyList<DeliveryJob>> ResolveAsync(IReadOnlyList<DeliveryJob> jobs, CancellationToken cancellationToken) =>
        SigningSecretReferences.ResolveAllAsync(jobs, job => ResolveAsync(job, cancellationToken));

    private async Task<DeliveryJob> ResolveAsync(DeliveryJob job, CancellationToken cancellationToken) =>
        job with { Subscription = await secrets.ResolveAsync(job.Subscription, cancellationToken).ConfigureAwait(false) };
}
