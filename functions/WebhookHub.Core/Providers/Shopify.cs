using System.Security.Cryptography;

namespace WebhookHub.Providers;

/// <summary>
/// Shopify: <c>X-Shopify-Hmac-Sha256</c> is the base64 HMAC-SHA256 of the raw body keyed with the UTF-8 bytes of the app's
/// client secret. Event ID is <c>X-Shopify-Webhook-Id</c> (the same on every retry of a delivery; <c>X-Shopify-Event-Id</c>
/// when absent); event type is <c>X-Shopify-Topic</c> (for example <c>orders/create</c>). Shopify signs no timestamp.
/// Source: https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-5-verify-the-webhook.
/// </summary>
/// <remarks>Options: none.</remarks>
public sealed class Shopify : IProviderScheme
{
    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "X-Shopify-Hmac-Sha256";

    /// <inheritdoc/>
    public string Name => "shopify";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options);
        return Verifier.Instance;
    }

    private sealed class Verifier : IWebhookVerifier
    {
        public static readonly Verifier Instance = new();

        public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
        {
            var signature = request.Headers.Get(SignatureHeader);
            if (string.IsNullOrEmpty(signature)) return VerificationResult.Rejected(VerificationStatus.MissingSignature);

            Span<byte> mac = stackalloc byte[32];
            Span<byte> keyScratch = stackalloc byte[256];
            foreach (var secret in secrets)
            {
                SignatureMath.Hmac(HashAlgorithmName.SHA256, SignatureMath.Utf8(secret, keyScratch), default, request.Body.Span, mac);
                if (SignatureMath.Base64Equals(signature.AsSpan().Trim(), mac))
                {
                    var id = request.Headers.Get("X-Shopify-Webhook-Id") ?? request.Headers.Get("X-Shopify-Event-Id");
                    return string.IsNullOrWhiteSpace(id)
                        ? VerificationResult.Rejected(VerificationStatus.MissingEventId)
                        : VerificationResult.Verified(id, request.Headers.Get("X-Shopify-Topic"));
                }
            }

            return VerificationResult.Rejected(VerificationStatus.InvalidSignature);
        }
    }
}
