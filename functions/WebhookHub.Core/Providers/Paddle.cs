using System.Security.Cryptography;
using System.Text;

namespace WebhookHub.Providers;

/// <summary>
/// Paddle Billing: <c>Paddle-Signature: ts=&lt;unix seconds&gt;;h1=&lt;hex&gt;[;h1=…]</c>, each <c>h1</c> the HMAC-SHA256 of
/// <c>"{ts}:{raw body}"</c> keyed with the UTF-8 endpoint secret key; any <c>h1</c> may match (Paddle sends two while a
/// secret rotates). Event ID is the body's <c>event_id</c>; event type its <c>event_type</c> (for example
/// <c>transaction.completed</c>). Default tolerance 300 s.
/// Source: https://developer.paddle.com/webhooks/signature-verification.
/// </summary>
/// <remarks>Options: <c>toleranceSeconds</c>.</remarks>
public sealed class Paddle : IProviderScheme
{
    /// <summary>Default timestamp tolerance: 300 seconds.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    /// <inheritdoc/>
    public string Name => "paddle";

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
            var header = request.Headers.Get("Paddle-Signature");
            if (string.IsNullOrEmpty(header)) return VerificationResult.Rejected(VerificationStatus.MissingSignature);

            string? timestamp = null;
            var signatures = new List<string>(2);
            foreach (var part in header.Split(';', StringSplitOptions.TrimEntries))
            {
                if (part.StartsWith("ts=", StringComparison.Ordinal)) timestamp = part[3..];
                else if (part.StartsWith("h1=", StringComparison.Ordinal)) signatures.Add(part[3..]);
            }

            if (timestamp is null || signatures.Count == 0 || !Timestamps.TryParseUnixSeconds(timestamp, out var seconds))
            {
                return VerificationResult.Rejected(VerificationStatus.MalformedSignature);
            }

            if (!Timestamps.IsFresh(seconds, now, tolerance)) return VerificationResult.Rejected(VerificationStatus.StaleTimestamp);

            var prefix = Encoding.ASCII.GetBytes(timestamp + ":");
            Span<byte> mac = stackalloc byte[32];
            Span<byte> keyScratch = stackalloc byte[256];
            foreach (var secret in secrets)
            {
                SignatureMath.Hmac(HashAlgorithmName.SHA256, SignatureMath.Utf8(secret, keyScratch), prefix, request.Body.Span, mac);
                foreach (var signature in signatures)
                {
                    if (SignatureMath.HexEquals(signature, mac))
                    {
                        return JsonFields.TryReadTopLevel(request.Body.Span, "event_id", "event_type", out var id, out var type) && !string.IsNullOrEmpty(id)
                            ? VerificationResult.Verified(id, type)
                            : VerificationResult.Rejected(VerificationStatus.MissingEventId);
                    }
                }
            }

            return VerificationResult.Rejected(VerificationStatus.InvalidSignature);
        }
    }
}
