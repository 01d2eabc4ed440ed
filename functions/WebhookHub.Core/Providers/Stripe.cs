using System.Security.Cryptography;

namespace WebhookHub.Providers;

/// <summary>
/// Stripe: <c>Stripe-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;[,v1=…][,v0=…]</c>, where each <c>v1</c> is the lowercase hex
/// HMAC-SHA256 of <c>"{t}.{raw body}"</c> keyed with the UTF-8 bytes of the endpoint secret (<c>whsec_…</c>, used whole).
/// Event ID is the body's <c>id</c> (<c>evt_…</c>), event type the body's <c>type</c>. Default tolerance 300 s.
/// Source: https://docs.stripe.com/webhooks#verify-manually.
/// </summary>
/// <remarks>Options: <c>toleranceSeconds</c>.</remarks>
public sealed class Stripe : IProviderScheme
{
    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "Stripe-Signature";

    /// <summary>Default timestamp tolerance: 300 seconds, as Stripe's libraries use.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    /// <inheritdoc/>
    public string Name => "stripe";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options, ProviderOptions.ToleranceSeconds);
        return new Verifier(ProviderOptions.Tolerance(options, DefaultTolerance));
    }

    private sealed class Verifier(TimeSpan tolerance) : IWebhookVerifier
    {
        public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
        {
            var header = request.Headers.Get(SignatureHeader);
            if (string.IsNullOrEmpty(header)) return VerificationResult.Rejected(VerificationStatus.MissingSignature);

            ReadOnlySpan<char> timestamp = default;
            var signatureCount = 0;
            foreach (var range in header.AsSpan().Split(','))
            {
                var item = header.AsSpan(range).Trim();
                if (item.StartsWith("t=")) timestamp = item[2..];
                else if (item.StartsWith("v1=")) signatureCount++;
            }

            if (timestamp.IsEmpty || signatureCount == 0 || !Timestamps.TryParseUnixSeconds(timestamp, out var seconds))
            {
                return VerificationResult.Rejected(VerificationStatus.MalformedSignature);
            }

            if (!Timestamps.IsFresh(seconds, now, tolerance)) return VerificationResult.Rejected(VerificationStatus.StaleTimestamp);

            Span<byte> prefix = stackalloc byte[timestamp.Length + 1];
            SignatureMath.WriteAscii(timestamp, prefix);
            prefix[^1] = (byte)'.';
            Span<byte> mac = stackalloc byte[32];
            Span<byte> keyScratch = stackalloc byte[256];
            foreach (var secret in secrets)
            {
                SignatureMath.Hmac(HashAlgorithmName.SHA256, SignatureMath.Utf8(secret, keyScratch), prefix, request.Body.Span, mac);
                foreach (var range in header.AsSpan().Split(','))
                {
                    var item = header.AsSpan(range).Trim();
                    if (item.StartsWith("v1=") && SignatureMath.HexEquals(item[3..], mac)) return ReadEvent(request.Body.Span);
                }
            }

            return VerificationResult.Rejected(VerificationStatus.InvalidSignature);
        }

        private static VerificationResult ReadEvent(ReadOnlySpan<byte> body) =>
            JsonFields.TryReadTopLevel(body, "id", "type", out var id, out var type) && !string.IsNullOrEmpty(id)
                ? VerificationResult.Verified(id, type)
                : VerificationResult.Rejected(VerificationStatus.MissingEventId);
    }
}
