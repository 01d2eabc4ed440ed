using WebhookHub.Azure.Messaging;
using WebhookHub.Delivery;
using WebhookHub.Tenancy;

namespace WebhookHub.Azure.KeyVault;

/// <summary>
/// An <see cref="IDeliveryStore"/> that gives claimed deliveries their subscription's signing values: claims read each
/// subscription straight from the store (not through <see cref="ITenantStore"/>), where <see cref="KeyVaultTenantStore"/> left
/// references, so the jobs' subscriptions are resolved here before the deliverer signs with them. Everything else passes through.
/// </summary>
internal sealed class KeyVaultDeliveryStore(IDeliveryStore inner, SigningSecretReferences secrets) : DelegatingDeliveryStore(inner)
{
    /// <inheritdoc/>
    public override async Task<IReadOnlyList<DeliveryJob>> ClaimDueAsync(int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default) =>
        await ResolveAsync(await Inner.ClaimDueAsync(max, now, lease, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public override async Task<IReadOnlyList<DeliveryJob>> ClaimDueAsync(DeliveryClaim claim, CancellationToken cancellationToken = default) =>
        await ResolveAsync(await Inner.ClaimDueAsync(claim, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public override async Task<ClaimByIdResult> ClaimByIdAsync(string tenantId, string deliveryId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var result = await Inner.ClaimByIdAsync(tenantId, deliveryId, now, lease, cancellationToken).ConfigureAwait(false);
        return result.Job is { } job ? result with { Job = await ResolveAsync(job, cancellationToken).ConfigureAwait(false) } : result;
    }

    private Task<IReadOnlyList<DeliveryJob>> ResolveAsync(IReadOnlyList<DeliveryJob> jobs, CancellationToken cancellationToken) =>
        SigningSecretReferences.ResolveAllAsync(jobs, job => ResolveAsync(job, cancellationToken));

    private async Task<DeliveryJob> ResolveAsync(DeliveryJob job, CancellationToken cancellationToken) =>
        job with { Subscription = await secrets.ResolveAsync(job.Subscription, cancellationToken).ConfigureAwait(false) };
}
