using System.Buffers;
using System.Security.Cryptography;

namespace WebhookHub.Providers;

/// <summary>
/// Mollie next-gen webhooks: <c>X-Mollie-Signature: sha256=&lt;64 hex&gt;</c>, the HMAC-SHA256 of the raw JSON body keyed with
/// the UTF-8 signing secret of the webhook subscription. The <c>sha256=</c> prefix is optional (Mollie's own example compares
/// the bare hex; its PHP SDK strips the prefix when present). While a secret rotates Mollie sends the header once per secret;
/// repeated headers arrive joined by commas and every value is tried. A header with no 64-hex value is malformed. No timestamp is signed, so there is no tolerance.
/// Source: https://docs.mollie.com/reference/webhooks-best-practices.
/// </summary>
/// <remarks>
/// <para>The body is an event object (https://docs.mollie.com/reference/webhooks-new): event ID is its <c>id</c>
/// (<c>event_…</c>), event type its <c>type</c> (for example <c>payment-link.paid</c>). No handshake.</para>
/// <para>Classic Mollie webhooks (the <c>webhookUrl</c> of a payment: a form post of <c>id=tr_…</c> with no signature, to be
/// confirmed by fetching the payment) are not supported by this scheme; they are rejected as
/// <see cref="VerificationStatus.MissingSignature"/>.</para>
/// <para>Options: none.</para>
/// </remarks>
public sealed class Mollie : IProviderScheme
{
    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "X-Mollie-Signature";

    /// <inheritdoc/>
    public string Name => "mollie";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options);
        return Verifier.Instance;
    }

    private sealed class Verifier : IWebhookVerifier
    {
        public static readonly Verifier Instance = new();

        private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

        public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
        {
            var header = request.Headers.Get(SignatureHeader);
            if (string.IsNullOrWhiteSpace(header)) return VerificationResult.Rejected(VerificationStatus.MissingSignature);

            var wellFormed = false;
            foreach (var range in header.AsSpan().Split(','))
            {
                wellFormed |= IsHexDigest(Candidate(header, range));
            }

            if (!wellFormed) return VerificationResult.Rejected(VerificationStatus.MalformedSignature);

            Span<byte> mac = stackalloc byte[32];
            Span<byte> keyScratch = stackalloc byte[256];
            foreach (var secret in secrets)
            {
                SignatureMath.Hmac(HashAlgorithmName.SHA256, SignatureMath.Utf8(secret, keyScratch), default, request.Body.Span, mac);
                foreach (var range in header.AsSpan().Split(','))
                {
                    if (SignatureMath.HexEquals(Candidate(header, range), mac)) return ReadEvent(request.Body.Span);
                }
            }

            return VerificationResult.Rejected(VerificationStatus.InvalidSignature);
        }

        private static ReadOnlySpan<char> Candidate(string header, Range range)
        {
            var candidate = header.AsSpan(range).Trim();
            return candidate.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase) ? candidate[7..] : candidate;
        }

        private static bool IsHexDigest(ReadOnlySpan<char> candidate) => candidate.Length == 64 && !candidate.ContainsAnyExcept(HexDigits);

        private static VerificationResult ReadEvent(ReadOnlySpan<byte> body) =>
            JsonFields.TryReadTopLevel(body, "id", "type", out var id, out var type) && !string.IsNullOrEmpty(id)
                ? VerificationResult.Verified(id, type)
                : VerificationResult.Rejected(VerificationStatus.MissingEventId);
    }
}
