using System.Security.Cryptography;
using System.Text;

namespace WebhookHub.Providers;

/// <summary>
/// Square: <c>x-square-hmacsha256-signature</c> is the base64 HMAC-SHA256, keyed with the UTF-8 signature key of the webhook
/// subscription, of the UTF-8 notification URL immediately followed by the raw body. The notification URL is the one entered
/// for the subscription in the Square Developer Console, character for character; WebhookHub uses the request's public URL
/// (<see cref="WebhookRequest.Url"/>, percent-encoded as requested) unless the source sets the <c>notificationUrl</c> option.
/// Event ID is the body's <c>event_id</c> (the same on every retry); event type its <c>type</c> (for example
/// <c>payment.updated</c>). Square signs no timestamp and sends no handshake; the legacy HMAC-SHA1 <c>x-square-signature</c>
/// is not accepted.
/// Source: https://developer.squareup.com/docs/webhooks/step3validate.
/// </summary>
/// <remarks>Options: <c>notificationUrl</c>, the absolute http(s) URL exactly as entered in the Square Developer Console.</remarks>
public sealed class Square : IProviderScheme
{
    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "x-square-hmacsha256-signature";

    /// <summary>The option that fixes the signed notification URL.</summary>
    public const string NotificationUrlOption = "notificationUrl";

    /// <inheritdoc/>
    public string Name => "square";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options, NotificationUrlOption);
        var url = ProviderOptions.Get(options, NotificationUrlOption);
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("https" or "http")))
        {
            throw new ProviderOptionsException($"Option '{NotificationUrlOption}' must be the absolute http(s) URL entered in the Square Developer Console.");
        }

        return new Verifier(url is null ? null : Encoding.UTF8.GetBytes(url));
    }

    private sealed class Verifier(byte[]? notificationUrl) : IWebhookVerifier
    {
        public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
        {
            var signature = request.Headers.Get(SignatureHeader);
            if (string.IsNullOrEmpty(signature)) return VerificationResult.Rejected(VerificationStatus.MissingSignature);

            Span<byte> decoded = stackalloc byte[36];
            if (!Convert.TryFromBase64String(signature.Trim(), decoded, out var written) || written != 32)
            {
                return VerificationResult.Rejected(VerificationStatus.MalformedSignature);
            }

            var url = notificationUrl ?? (request.Url is { } requestUrl ? Encoding.UTF8.GetBytes(requestUrl.OriginalString) : null);
            if (url is null) return VerificationResult.Rejected(VerificationStatus.InvalidSignature);

            Span<byte> mac = stackalloc byte[32];
            Span<byte> keyScratch = stackalloc byte[256];
            foreach (var secret in secrets)
            {
                SignatureMath.Hmac(HashAlgorithmName.SHA256, SignatureMath.Utf8(secret, keyScratch), url, request.Body.Span, mac);
                if (CryptographicOperations.FixedTimeEquals(mac, decoded[..32]))
                {
                    return JsonFields.TryReadTopLevel(request.Body.Span, "event_id", "type", out var id, out var type) && !string.IsNullOrEmpty(id)
                        ? VerificationResult.Verified(id, type)
                        : VerificationResult.Rejected(VerificationStatus.MissingEventId);
                }
            }

            return VerificationResult.Rejected(VerificationStatus.InvalidSignature);
        }
    }
}
