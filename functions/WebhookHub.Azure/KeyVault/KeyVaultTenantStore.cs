using WebhookHub.Tenancy;

namespace WebhookHub.Azure.KeyVault;

/// <summary>
/// An <see cref="ITenantStore"/> that keeps signing material in Key Vault: writes put source secrets, subscription secrets,
/// retiring secrets and Ed25519 secret keys into the vault and hand the inner store references (<c>kv:name</c>,
/// <see cref="SecretReference"/>) in their place; reads give back values (through the <see cref="CachedSecretVault"/>), so the
/// rest of the app never sees a reference. Tenants, API key hashes, public keys, settings and health pass through unchanged.
/// </summary>
/// <remarks>
/// <see cref="UpdateSubscriptionSigningAsync"/> keeps its compare-and-swap: the expected secret (a value) is checked against the
/// value the stored reference stands for, and the inner store swaps on the stored reference itself, so of two concurrent
/// rotations one still fails. Failures of the vault surface as <see cref="KeyVaultException"/>; nothing is written to the inner
/// store when the vault write before it failed.
/// </remarks>
internal sealed class KeyVaultTenantStore(ITenantStore inner, SigningSecretReferences secrets) : ITenantStore
{
    /// <inheritdoc/>
    public Task CreateTenantAsync(Tenant tenant, byte[] apiKeyHash, CancellationToken cancellationToken = default) =>
        inner.CreateTenantAsync(tenant, apiKeyHash, cancellationToken);

    /// <inheritdoc/>
    public Task<Tenant?> FindTenantByApiKeyHashAsync(byte[] apiKeyHash, CancellationToken cancellationToken = default) =>
        inner.FindTenantByApiKeyHashAsync(apiKeyHash, cancellationToken);

    /// <inheritdoc/>
    public async Task CreateSourceAsync(Source source, CancellationToken cancellationToken = default)
    {
        var stored = await secrets.StoreAsync(source.Id, source.Secrets, null, cancellationToken).ConfigureAwait(false);
        await inner.CreateSourceAsync(source with { Secrets = stored }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<Source?> GetSourceAsync(string sourceId, CancellationToken cancellationToken = default) =>
        await inner.GetSourceAsync(sourceId, cancellationToken).ConfigureAwait(false) is { } source
            ? await secrets.ResolveAsync(source, cancellationToken).ConfigureAwait(false)
            : null;

    /// <inheritdoc/>
    public async Task<bool> UpdateSourceSecretsAsync(string tenantId, string sourceId, IReadOnlyList<SourceSecret> secretList, CancellationToken cancellationToken = default)
    {
        // Read first so that nothing is written to the vault for another tenant's (or a missing) source.
        if (await inner.GetSourceAsync(sourceId, cancellationToken).ConfigureAwait(false) is not { } current || current.TenantId != tenantId) return false;
        var stored = await secrets.StoreAsync(sourceId, secretList, current, cancellationToken).ConfigureAwait(false);
        return await inner.UpdateSourceSecretsAsync(tenantId, sourceId, stored, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Source>> ListSourcesAsync(string tenantId, CancellationToken cancellationToken = default) =>
        await SigningSecretReferences.ResolveAllAsync(
            await inner.ListSourcesAsync(tenantId, cancellationToken).ConfigureAwait(false),
            source => secrets.ResolveAsync(source, cancellationToken)).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task CreateSubscriptionAsync(Subscription subscription, CancellationToken cancellationToken = default)
    {
        var (secret, keys) = await secrets.StoreAsync(subscription.Id, subscription.Secret, subscription.SigningKeys, null, cancellationToken).ConfigureAwait(false);
        await inner.CreateSubscriptionAsync(subscription with { Secret = secret, SigningKeys = keys }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<Subscription?> GetSubscriptionAsync(string tenantId, string subscriptionId, CancellationToken cancellationToken = default) =>
        await inner.GetSubscriptionAsync(tenantId, subscriptionId, cancellationToken).ConfigureAwait(false) is { } subscription
            ? await secrets.ResolveAsync(subscription, cancellationToken).ConfigureAwait(false)
            : null;

    /// <inheritdoc/>
    public async Task<bool> UpdateSubscriptionAsync(Subscription subscription, CancellationToken cancellationToken = default)
    {
        // The inner store leaves secret and signing keys as stored; hand it the stored references anyway, so that no value can
        // reach it even from a store that did not honour that.
        if (await inner.GetSubscriptionAsync(subscription.TenantId, subscription.Id, cancellationToken).ConfigureAwait(false) is not { } current) return false;
        return await inner.UpdateSubscriptionAsync(subscription with { Secret = current.Secret, SigningKeys = current.SigningKeys }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<bool> UpdateSubscriptionSigningAsync(string tenantId, string subscriptionId, string expectedSecret, string secret,
        SubscriptionSigningKeys signingKeys, CancellationToken cancellationToken = default)
    {
        if (await inner.GetSubscriptionAsync(tenantId, subscriptionId, cancellationToken).ConfigureAwait(false) is not { } current) return false;
        var currentSecret = await secrets.ResolveAsync(current.Secret, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(currentSecret, expectedSecret, StringComparison.Ordinal)) return false;

        var (storedSecret, storedKeys) = await secrets.StoreAsync(subscriptionId, secret, signingKeys, current, cancellationToken).ConfigureAwait(false);
        return await inner.UpdateSubscriptionSigningAsync(tenantId, subscriptionId, current.Secret, storedSecret, storedKeys, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<bool> UpdateSubscriptionHealthAsync(string tenantId, string subscriptionId, bool active, SubscriptionHealth health, CancellationToken cancellationToken = default) =>
        inner.UpdateSubscriptionHealthAsync(tenantId, subscriptionId, active, health, cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(string tenantId, CancellationToken cancellationToken = default) =>
        await SigningSecretReferences.ResolveAllAsync(
            await inner.ListSubscriptionsAsync(tenantId, cancellationToken).ConfigureAwait(false),
            subscription => secrets.ResolveAsync(subscription, cancellationToken)).ConfigureAwait(false);
}
