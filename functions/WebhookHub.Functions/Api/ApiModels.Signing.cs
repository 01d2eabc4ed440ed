namespace WebhookHub.Functions.Api;

public sealed partial record SubscriptionResponse
{
    /// <summary>
    /// The Ed25519 public key that verifies this subscription's <c>v1a</c> signatures: <c>whpk_</c> + base64 of 32 bytes, as
    /// Standard Webhooks serializes it. Shown whatever the signature scheme, so a receiver can be configured before the switch;
    /// the secret key never leaves WebhookHub. Absent for a subscription created before Ed25519 signing existed until it turns
    /// <c>v1a</c> on.
    /// </summary>
    public string? PublicKey { get; init; }

    /// <summary>Replaced secrets that still sign beside the current one after a rotation, with their expiry; absent when none.</summary>
    public IReadOnlyList<RetiringSecretResponse>? PreviousSecrets { get; init; }
}

/// <summary>A replaced signing secret (never its value): deliveries carry its <c>v1</c> signature until <paramref name="ExpiresAt"/>.</summary>
public sealed record RetiringSecretResponse(DateTimeOffset ExpiresAt);

/// <summary><c>POST /api/subscriptions/{id}/secret/rotate</c> body, optional.</summary>
/// <param name="OverlapSeconds">How long the replaced secret keeps signing beside the new one, in seconds: 0 to 604800 (7 days); default 86400 (24 h).</param>
public sealed record RotateSecretRequest(long? OverlapSeconds);
