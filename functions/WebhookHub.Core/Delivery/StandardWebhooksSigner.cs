using System.Security.Cryptography;
using System.Text;
using WebhookHub.Providers;
using WebhookHub.Tenancy;

namespace WebhookHub.Delivery;

/// <summary>
/// Signs outbound deliveries per Standard Webhooks. <c>v1</c>: <c>v1,&lt;base64 HMAC-SHA256 of "{id}.{timestamp}.{body}"&gt;</c>
/// keyed with the base64-decoded part of a <c>whsec_</c> secret. <c>v1a</c>: <c>v1a,&lt;base64 Ed25519 signature of the same
/// bytes&gt;</c> with a <c>whsk_</c> secret key, verified with its <c>whpk_</c> public key. The <c>webhook-signature</c> header is
/// a space-separated list of such entries, which is how the specification rotates secrets without downtime.
/// Source: https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md. Thread-safe.
/// </summary>
public static class StandardWebhooksSigner
{
    /// <summary>The prefix of a serialized Ed25519 secret key.</summary>
    public const string SecretKeyPrefix = "whsk_";

    /// <summary>The prefix of a serialized Ed25519 public key.</summary>
    public const string PublicKeyPrefix = StandardWebhooksSignature.PublicKeyPrefix;

    /// <summary>Returns one <c>v1</c> signature, <c>v1,</c> + base64.</summary>
    /// <param name="secret">The subscription's secret, <c>whsec_</c> + base64.</param>
    /// <param name="messageId">The <c>webhook-id</c>.</param>
    /// <param name="timestamp">The <c>webhook-timestamp</c>, Unix seconds.</param>
    /// <param name="payload">The exact body sent.</param>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is not <c>whsec_</c> + base64.</exception>
    public static string Sign(string secret, string messageId, long timestamp, ReadOnlySpan<byte> payload)
    {
        var key = SignatureMath.DecodeWhsec(secret) ?? throw new ArgumentException("The signing secret is not whsec_ + base64.", nameof(secret));
        var prefix = SignedPrefix(messageId, timestamp);
        Span<byte> mac = stackalloc byte[32];
        SignatureMath.Hmac(HashAlgorithmName.SHA256, key, prefix, payload, mac);
        return "v1," + Convert.ToBase64String(mac);
    }

    /// <summary>Returns one <c>v1a</c> signature, <c>v1a,</c> + base64 of the 64-byte Ed25519 signature of <c>"{id}.{timestamp}.{body}"</c>.</summary>
    /// <param name="secretKey">The secret key, <c>whsk_</c> + base64 of its 32-byte seed.</param>
    /// <param name="publicKey">Its public key, <c>whpk_</c> + base64 of 32 bytes.</param>
    /// <param name="messageId">The <c>webhook-id</c>.</param>
    /// <param name="timestamp">The <c>webhook-timestamp</c>, Unix seconds.</param>
    /// <param name="payload">The exact body sent.</param>
    /// <exception cref="ArgumentException">A key lacks its prefix, is not base64, or is not 32 bytes.</exception>
    public static string SignEd25519(string secretKey, string publicKey, string messageId, long timestamp, ReadOnlySpan<byte> payload)
    {
        var secretBytes = DecodeKey(secretKey, SecretKeyPrefix, nameof(secretKey));
        var publicBytes = DecodeKey(publicKey, PublicKeyPrefix, nameof(publicKey));
        var prefix = SignedPrefix(messageId, timestamp);
        var content = new byte[prefix.Length + payload.Length];
        prefix.CopyTo(content, 0);
        payload.CopyTo(content.AsSpan(prefix.Length));
        return "v1a," + Convert.ToBase64String(Ed25519.Sign(secretBytes, publicBytes, content));
    }

    /// <summary>Creates an Ed25519 key pair: (<c>whsk_</c> + base64 seed, <c>whpk_</c> + base64 public key).</summary>
    public static (string SecretKey, string PublicKey) CreateEd25519Key()
    {
        var secret = Ed25519.CreateSecretKey();
        return (SecretKeyPrefix + Convert.ToBase64String(secret), PublicKeyPrefix + Convert.ToBase64String(Ed25519.PublicKeyOf(secret)));
    }

    /// <summary>
    /// Returns the <c>webhook-signature</c> value for a delivery to <paramref name="subscription"/>: under scheme <c>v1</c> (the
    /// default) or <c>both</c>, a <c>v1</c> signature with the current secret and one with each retiring secret still signing
    /// at <paramref name="now"/>; under <c>v1a</c> or <c>both</c>, a <c>v1a</c> signature with its Ed25519 key. Entries are
    /// separated by one space, current secret first. A <c>v1a</c> subscription without a key pair (which the API never stores)
    /// gets <c>v1</c> signatures instead, so its receiver sees a failing signature rather than none.
    /// </summary>
    /// <param name="subscription">The subscription: secret, <see cref="Subscription.SigningKeys"/>, <see cref="SubscriptionSettings.SignatureScheme"/>.</param>
    /// <param name="messageId">The <c>webhook-id</c>.</param>
    /// <param name="timestamp">The <c>webhook-timestamp</c>, Unix seconds.</param>
    /// <param name="payload">The exact body sent.</param>
    /// <param name="now">The attempt's time, against which retiring secrets' expiry is judged.</param>
    /// <exception cref="ArgumentException">A stored secret or key is malformed.</exception>
    public static string SignatureHeader(Subscription subscription, string messageId, long timestamp, ReadOnlySpan<byte> payload, DateTimeOffset now)
    {
        var scheme = subscription.Settings.SignatureScheme;
        var keys = subscription.SigningKeys;
        var hasKey = keys.Ed25519SecretKey is not null && keys.Ed25519PublicKey is not null;
        var header = new StringBuilder(64);
        if (SignatureSchemes.SignsV1(scheme) || !hasKey)
        {
            header.Append(Sign(subscription.Secret, messageId, timestamp, payload));
            foreach (var previous in keys.ActivePreviousSecrets(now))
            {
                header.Append(' ').Append(Sign(previous, messageId, timestamp, payload));
            }
        }

        if (SignatureSchemes.SignsV1a(scheme) && hasKey)
        {
            if (header.Length > 0) header.Append(' ');
            header.Append(SignEd25519(keys.Ed25519SecretKey!, keys.Ed25519PublicKey!, messageId, timestamp, payload));
        }

        return header.ToString();
    }

    private static byte[] SignedPrefix(string messageId, long timestamp) =>
        Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{messageId}.{timestamp}."));

    private static byte[] DecodeKey(string key, string prefix, string parameter) =>
        key.StartsWith(prefix, StringComparison.Ordinal) && SignatureMath.DecodeBase64(key.AsSpan(prefix.Length)) is { Length: 32 } bytes
            ? bytes
            : throw new ArgumentException($"The key is not {prefix} + base64 of 32 bytes.", parameter);
}
