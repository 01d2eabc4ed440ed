using System.Security.Cryptography;
using System.Text;

namespace WebhookHub.Azure.KeyVault;

/// <summary>
/// The Key Vault names WebhookHub gives signing material. A source secret has a fixed name per (source, secret ID), so an
/// operator can put a new version under it; each subscription secret and Ed25519 key gets a name of its own with a random
/// suffix, because a rotated-out secret keeps signing beside its successor and must stay readable as it was. IDs such as
/// <c>src_3f…</c> become <c>src-3f…</c> (Key Vault names allow no <c>_</c>); an ID with other characters is replaced by a hash of it.
/// </summary>
internal static class SecretNames
{
    /// <summary><c>source-{sourceId}-{secretId}</c>, for example <c>source-src-3fa9…-sec-81c2…</c>.</summary>
    public static string ForSourceSecret(string sourceId, string secretId) => Fit($"source-{Segment(sourceId)}-{Segment(secretId)}");

    /// <summary><c>subscription-{subscriptionId}-secret-{random}</c>.</summary>
    public static string ForSubscriptionSecret(string subscriptionId) => Fit($"subscription-{Segment(subscriptionId)}-secret-{Nonce()}");

    /// <summary><c>subscription-{subscriptionId}-ed25519-{random}</c>.</summary>
    public static string ForEd25519Key(string subscriptionId) => Fit($"subscription-{Segment(subscriptionId)}-ed25519-{Nonce()}");

    private static string Segment(string id)
    {
        var clean = id.Length is > 0 and <= 48 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
        return clean ? id.Replace('_', '-') : "h" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..32];
    }

    private static string Nonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private static string Fit(string name) =>
        SecretReference.IsValidName(name) ? name : throw new InvalidOperationException($"Derived secret name '{name}' is not valid for Key Vault.");
}
