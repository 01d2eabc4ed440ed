namespace WebhookHub.Tenancy;

/// <summary>
/// A subscription's signing material besides its current <see cref="Subscription.Secret"/>: earlier <c>whsec_</c> secrets that
/// still sign during a rotation's overlap, and its Ed25519 key pair for Standard Webhooks <c>v1a</c> signatures. Written only by
/// WebhookHub (secret rotation, key generation), stored as JSON in a column of its own, not in <see cref="SubscriptionSettings"/>,
/// which the tenant edits and the API shows: the API shows only <see cref="Ed25519PublicKey"/> and the expiry of each
/// retiring secret. Never logged.
/// </summary>
public sealed record SubscriptionSigningKeys
{
    private readonly IReadOnlyList<RetiringSecret> _previousSecrets = [];

    /// <summary>Earlier secrets still signing until their expiry, latest expiry first. Never <see langword="null"/> (null sets none).</summary>
    /// <value>None.</value>
    public IReadOnlyList<RetiringSecret> PreviousSecrets
    {
        get => _previousSecrets;
        init => _previousSecrets = value ?? [];
    }

    /// <summary>The Ed25519 secret key: <c>whsk_</c> + base64 of its 32-byte seed (RFC 8032), or <see langword="null"/> for a
    /// subscription created before Ed25519 signing existed (one is made when it turns <c>v1a</c> on).</summary>
    /// <value><see langword="null"/>.</value>
    public string? Ed25519SecretKey { get; init; }

    /// <summary>The matching public key, <c>whpk_</c> + base64 of its 32 bytes, which receivers verify <c>v1a</c> signatures with.</summary>
    /// <value><see langword="null"/>.</value>
    public string? Ed25519PublicKey { get; init; }

    /// <summary>The values of <see cref="PreviousSecrets"/> that still sign at <paramref name="now"/> (expiry after it), newest first.</summary>
    public IEnumerable<string> ActivePreviousSecrets(DateTimeOffset now) =>
        PreviousSecrets.Where(s => s.ExpiresAt > now).Select(s => s.Value);
}

/// <summary>A signing secret replaced by a rotation, signing beside its successor until <paramref name="ExpiresAt"/>.</summary>
/// <param name="Value">The secret, <c>whsec_</c> + base64. Never logged or returned by the API.</param>
/// <param name="ExpiresAt">From when deliveries no longer carry its signature.</param>
public sealed record RetiringSecret(string Value, DateTimeOffset ExpiresAt);
