namespace WebhookHub.Tenancy;

/// <summary>
/// The values of <see cref="SubscriptionSettings.SignatureScheme"/>, named as Standard Webhooks names its signature versions.
/// Source: https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md ("Signature scheme").
/// </summary>
public static class SignatureSchemes
{
    /// <summary><c>v1</c>: HMAC-SHA256 with the subscription's <c>whsec_</c> secret (the default).</summary>
    public const string V1 = "v1";

    /// <summary><c>v1a</c>: Ed25519 with the subscription's key pair; receivers verify with its <c>whpk_</c> public key.</summary>
    public const string V1a = "v1a";

    /// <summary><c>both</c>: a <c>v1</c> and a <c>v1a</c> signature in the one header, for receivers moving from one to the other.</summary>
    public const string Both = "both";

    /// <summary><see langword="true"/> for <see cref="V1"/>, <see cref="V1a"/> and <see cref="Both"/> (exact, lowercase).</summary>
    public static bool IsValid(string scheme) => scheme is V1 or V1a or Both;

    /// <summary>Whether deliveries under <paramref name="scheme"/> carry <c>v1</c> (HMAC) signatures; <see langword="null"/> means <see cref="V1"/>.</summary>
    public static bool SignsV1(string? scheme) => scheme is null or V1 or Both;

    /// <summary>Whether deliveries under <paramref name="scheme"/> carry a <c>v1a</c> (Ed25519) signature.</summary>
    public static bool SignsV1a(string? scheme) => scheme is V1a or Both;
}
