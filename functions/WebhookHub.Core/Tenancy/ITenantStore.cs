namespace WebhookHub.Tenancy;

/// <summary>Stores tenants, their sources and subscriptions. Every read that takes a tenant ID returns only that tenant's data.</summary>
public interface ITenantStore
{
    /// <summary>Creates a tenant whose API key has the given SHA-256 hash.</summary>
    Task CreateTenantAsync(Tenant tenant, byte[] apiKeyHash, CancellationToken cancellationToken = default);

    /// <summary>Finds the tenant whose API key hashes to <paramref name="apiKeyHash"/>, or <see langword="null"/>.</summary>
    Task<Tenant?> FindTenantByApiKeyHashAsync(byte[] apiKeyHash, CancellationToken cancellationToken = default);

    /// <summary>Creates a source.</summary>
    Task CreateSourceAsync(Source source, CancellationToken cancellationToken = default);

    /// <summary>Reads a source by ID regardless of tenant (the ingest path has no tenant yet), or <see langword="null"/>.</summary>
    Task<Source?> GetSourceAsync(string sourceId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the secrets of one of a tenant's sources.</summary>
    /// <returns><see langword="false"/> when the tenant has no such source.</returns>
    Task<bool> UpdateSourceSecretsAsync(string tenantId, string sourceId, IReadOnlyList<SourceSecret> secrets, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's sources, oldest first.</summary>
    Task<IReadOnlyList<Source>> ListSourcesAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Creates a subscription.</summary>
    Task CreateSubscriptionAsync(Subscription subscription, CancellationToken cancellationToken = default);

    /// <summary>Reads one of a tenant's subscriptions, or <see langword="null"/>.</summary>
    Task<Subscription?> GetSubscriptionAsync(string tenantId, string subscriptionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces what the tenant controls of a subscription: URL, filters, <see cref="Subscription.Active"/> and
    /// <see cref="Subscription.Settings"/>; its health, secret and signing keys are left as stored (they change through
    /// <see cref="UpdateSubscriptionSigningAsync"/>, so an update read before a rotation cannot undo it).
    /// </summary>
    /// <returns><see langword="false"/> when the tenant has no such subscription.</returns>
    Task<bool> UpdateSubscriptionAsync(Subscription subscription, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a subscription's signing secret and <see cref="Subscription.SigningKeys"/>, provided its secret is still
    /// <paramref name="expectedSecret"/>, so that of two concurrent rotations one fails rather than one being lost.
    /// </summary>
    /// <returns><see langword="false"/> when the tenant has no such subscription or its secret is no longer <paramref name="expectedSecret"/>.</returns>
    Task<bool> UpdateSubscriptionSigningAsync(string tenantId, string subscriptionId, string expectedSecret, string secret,
        SubscriptionSigningKeys signingKeys, CancellationToken cancellationToken = default);

    /// <summary>Records the delivery engine's view of a subscription: its health and whether it is active.</summary>
    /// <returns><see langword="false"/> when the tenant has no such subscription.</returns>
    Task<bool> UpdateSubscriptionHealthAsync(string tenantId, string subscriptionId, bool active, SubscriptionHealth health, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's subscriptions, oldest first.</summary>
    Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(string tenantId, CancellationToken cancellationToken = default);
}
