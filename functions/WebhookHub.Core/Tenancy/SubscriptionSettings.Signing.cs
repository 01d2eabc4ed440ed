namespace WebhookHub.Tenancy;

public sealed partial class SubscriptionSettings
{
    /// <summary>
    /// Which Standard Webhooks signatures deliveries carry in <c>webhook-signature</c>: <c>v1</c> (HMAC-SHA256 with the
    /// <c>whsec_</c> secret), <c>v1a</c> (Ed25519; receivers verify with the subscription's published <c>whpk_</c> public key
    /// and need no shared secret), or <c>both</c>. See <see cref="SignatureSchemes"/>.
    /// </summary>
    /// <value><see langword="null"/>: <c>v1</c>.</value>
    public string? SignatureScheme { get; set; }
}
