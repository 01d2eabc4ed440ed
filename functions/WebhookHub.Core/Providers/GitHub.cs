using System.Security.Cryptography;

namespace WebhookHub.Providers;

/// <summary>
/// GitHub: <c>X-Hub-Signature-256: sha256=&lt;hex&gt;</c>, the HMAC-SHA256 of the raw body keyed with the UTF-8 webhook secret.
/// When that header is absent (older GitHub Enterprise Server), the legacy <c>X-Hub-Signature: sha1=&lt;hex&gt;</c> HMAC-SHA1 of the
/// same bytes is checked instead; a request carrying both is judged by the SHA-256 one only.
/// Event ID is the <c>X-GitHub-Delivery</c> GUID; event type is <c>X-GitHub-Event</c>, plus <c>.{action}</c> when the body
/// has a top-level <c>action</c> (for example <c>issues.opened</c>). GitHub signs no timestamp, so there is no tolerance.
/// Source: https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries.
/// </summary>
/// <remarks>Options: <c>legacySha1</c> (<c>true</c> by default; <c>false</c> rejects requests signed only with SHA-1).</remarks>
public sealed class GitHub : IProviderScheme
{
    /// <summary>The SHA-256 signature header.</summary>
    public const string SignatureHeader = "X-Hub-Signature-256";

    /// <summary>The legacy SHA-1 signature header.</summary>
    public const string LegacySignatureHeader = "X-Hub-Signature";

    /// <summary>The header holding the delivery GUID.</summary>
    public const string DeliveryHeader = "X-GitHub-Delivery";

    /// <summary>The header naming the event.</summary>
    public const string EventHeader = "X-GitHub-Event";

    /// <inheritdoc/>
    public string Name => "github";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options, "legacySha1");
        return ProviderOptions.Get(options, "legacySha1")?.ToLowerInvariant() switch
        {
            null or "true" => Verifier.WithLegacy,
            "false" => Verifier.Sha256Only,
            var other => throw new ProviderOptionsException($"Option 'legacySha1' must be true or false; got '{other}'."),
        };
    }

    private sealed class Verifier(bool legacySha1) : IWebhookVerifier
    {
        public static readonly Verifier WithLegacy = new(true);
        public static readonly Verifier Sha256Only = new(false);

        public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
        {
            var (algorithm, prefix, macBytes) = (HashAlgorithmName.SHA256, "sha256=", 32);
            var header = request.Headers.Get(SignatureHeader);
            if (string.IsNullOrEmpty(header) && legacySha1)
            {
                (algorithm, prefix, macBytes) = (HashAlgorithmName.SHA1, "sha1=", 20);
                header = request.Headers.Get(LegacySignatureHeader);
            }

            if (string.IsNullOrEmpty(header)) return VerificationResult.Rejected(VerificationStatus.MissingSignature);
            if (!header.StartsWith(prefix, StringComparison.Ordinal) || header.Length != prefix.Length + 2 * macBytes)
            {
                return VerificationResult.Rejected(VerificationStatus.MalformedSignature);
            }

            var candidate = header.AsSpan(prefix.Length);
            Span<byte> mac = stackalloc byte[macBytes];
            Span<byte> keyScratch = stackalloc byte[256];
            foreach (var secret in secrets)
            {
                SignatureMath.Hmac(algorithm, SignatureMath.Utf8(secret, keyScratch), default, request.Body.Span, mac);
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
