using System.Security.Cryptography;

namespace WebhookHub.Providers;

/// <summary>
/// Coinbase Commerce: <c>X-CC-Webhook-Signature</c> is the hex HMAC-SHA256 of the raw body keyed with the UTF-8 shared
/// secret. Event ID is the body's <c>event.id</c>; event type is <c>event.type</c> (for example <c>charge:confirmed</c>).
/// Coinbase signs no timestamp.
/// Source: https://docs.cdp.coinbase.com/commerce-onchain/docs/webhooks-security.
/// </summary>
/// <remarks>Options: none.</remarks>
public sealed class CoinbaseCommerce : IProviderScheme
{
    private static readonly BodyHmacVerifier Verifier = new(new BodyHmacScheme(
        "X-CC-Webhook-Signature", HashAlgorithmName.SHA256, Base64: false, IdPointer: "/event/id", TypePointer: "/event/type"));

    /// <inheritdoc/>
    public string Name => "coinbase";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options);
        return Verifier;
    }
}
