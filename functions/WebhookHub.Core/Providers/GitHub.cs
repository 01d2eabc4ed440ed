using System.Security.Cryptography;

namespace WebhookHub.Providers;

/// <summary>
/// GitHub: <c>X-Hub-Signature-256: sha256=&lt;hex&gt;</c>, the HMAC-SHA256 of the raw body keyed with the UTF-8 webhook secret.
/// Event ID is the <c>X-GitHub-Delivery</c> GUID; event type is <c>X-GitHub-Event</c>, plus <c>.{action}</c> when the body
/// has a top-level <c>action</c> (for example <c>issues.opened</c>). GitHub signs no timestamp, so there is no tolerance.
/// Source: https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries.
/// </summary>
/// <remarks>Options: none.</remarks>
public sealed class GitHub : IProviderScheme
{
    /// <summary>The SHA-256 signature header.</summary>
    public const string SignatureHeader = "X-Hub-Signature-256";

    /// <summary>The header holding the delivery GUID.</summary>
    public const string DeliveryHeader = "X-GitHub-Delivery";

    /// <summary>The header naming the event.</summary>
    public const string EventHeader = "X-GitHub-Event";

    /// <inheritdoc/>
    public string Name => "github";

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
            var header = request.Headers.Get(SignatureHeader);
            if (string.IsNullOrEmpty(header)) return VerificationResult.Rejected(VerificationStatus.MissingSignature);
            if (!header.StartsWith("sha256=", StringComparison.Ordinal) || header.Length != 7 + 64)
            {
                return VerificationResult.Rejected(VerificationStatus.MalformedSignature);
            }

            var candidate = header.AsSpan(7);
            Span<byte> mac = stackalloc byte[32];
            Span<byte> keyScratch = stackalloc byte[256];
            foreach (var secret in secrets)
            {
                SignatureMath.Hmac(HashAlgorithmName.SHA256, SignatureMath.Utf8(secret, keyScratch), default, request.Body.Span, mac);
                if (SignatureMath.HexEquals(candidate, mac)) return ReadEvent(request);
            }

            return VerificationResult.Rejected(VerificationStatus.InvalidSignature);
        }

        private static VerificationResult ReadEvent(WebhookRequest request)
        {
            var delivery = request.Headers.Get(DeliveryHeader);
            if (string.IsNullOrWhiteSpace(delivery)) return VerificationResult.Rejected(VerificationStatus.MissingEventId);

            var eventName = request.Headers.Get(EventHeader);
            if (eventName is not null
                && JsonFields.TryReadTopLevel(request.Body.Span, "action", null, out var action, out _)
                && !string.IsNullOrEmpty(action))
            {
                eventName = $"{eventName}.{action}";
            }

            return VerificationResult.Verified(delivery, eventName);
        }
    }
}
