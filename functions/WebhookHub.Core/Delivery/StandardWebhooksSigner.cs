using System.Security.Cryptography;
using System.Text;
using WebhookHub.Providers;

namespace WebhookHub.Delivery;

/// <summary>
/// Signs outbound deliveries per Standard Webhooks: <c>webhook-signature: v1,&lt;base64 HMAC-SHA256 of "{id}.{timestamp}.{body}"&gt;</c>
/// keyed with the base64-decoded part of the subscription's <c>whsec_</c> secret.
/// Source: https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md.
/// </summary>
public static class StandardWebhooksSigner
{
    /// <summary>Returns the <c>webhook-signature</c> value, <c>v1,</c> + base64.</summary>
    /// <param name="secret">The subscription's secret, <c>whsec_</c> + base64.</param>
    /// <param name="messageId">The <c>webhook-id</c>.</param>
    /// <param name="timestamp">The <c>webhook-timestamp</c>, Unix seconds.</param>
    /// <param name="payload">The exact body sent.</param>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is not <c>whsec_</c> + base64.</exception>
    public static string Sign(string secret, string messageId, long timestamp, ReadOnlySpan<byte> payload)
    {
        var key = SignatureMath.DecodeWhsec(secret) ?? throw new ArgumentException("The signing secret is not whsec_ + base64.", nameof(secret));
        var prefix = Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.");
        Span<byte> mac = stackalloc byte[32];
        SignatureMath.Hmac(HashAlgorithmName.SHA256, key, prefix, payload, mac);
        return "v1," + Convert.ToBase64String(mac);
    }
}
