namespace WebhookHub.Tenancy;

/// <summary>A subscription: an endpoint URL that receives the tenant's events whose type and source match.</summary>
/// <param name="Id">Opaque ID, <c>sub_…</c>.</param>
/// <param name="TenantId">The owning tenant.</param>
/// <param name="Url">The absolute http(s) URL deliveries are POSTed to.</param>
/// <param name="EventTypes">Event-type filters: <c>*</c>, an exact type, or a prefix wildcard such as <c>invoice.*</c>.</param>
/// <param name="SourceIds">When non-empty, only events from these sources match.</param>
/// <param name="Secret">The Standard Webhooks signing secret, <c>whsec_</c> + base64 of 32 random bytes.</param>
/// <param name="Active">Inactive subscriptions receive nothing new.</param>
/// <param name="CreatedAt">Creation time.</param>
public sealed record Subscription(
    string Id,
    string TenantId,
    string Url,
    IReadOnlyList<string> EventTypes,
    IReadOnlyList<string> SourceIds,
    string Secret,
    bool Active,
    DateTimeOffset CreatedAt)
{
    /// <summary>The tenant's delivery settings for this subscription.</summary>
    /// <value>All defaults.</value>
    public SubscriptionSettings Settings { get; init; } = new();

    /// <summary>Signing material besides <see cref="Secret"/>: retiring secrets and the Ed25519 key pair. Never shown whole by the API.</summary>
    /// <value>None.</value>
    public SubscriptionSigningKeys SigningKeys { get; init; } = new();

    /// <summary>The delivery engine's view of the endpoint's health.</summary>
    /// <value>Healthy.</value>
    public SubscriptionHealth Health { get; init; } = new();
}
