using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace WebhookHub.Providers;

/// <summary>
/// PayPal: <c>PAYPAL-TRANSMISSION-SIG</c> is the base64 RSA signature (PKCS#1 v1.5, SHA-256; <c>PAYPAL-AUTH-ALGO</c> must be
/// <c>SHA256withRSA</c>) of the UTF-8 text <c>{PAYPAL-TRANSMISSION-ID}|{PAYPAL-TRANSMISSION-TIME}|{webhook ID}|{CRC-32 of the
/// raw body as an unsigned decimal}</c>, made with the key of the X.509 certificate at <c>PAYPAL-CERT-URL</c>. The source's
/// secret is the PayPal webhook ID (letters and digits, as the Developer Dashboard shows it), so a webhook signed for another
/// listener does not verify. The certificate URL must be https, on port 443, on <c>api.paypal.com</c>,
/// <c>api.sandbox.paypal.com</c>, <c>api-m.paypal.com</c> or <c>api-m.sandbox.paypal.com</c>, under
/// <c>/v1/notifications/certs/</c>; any other URL is rejected without being fetched. The certificate comes from an
/// <see cref="IPayPalCertificates"/> (default <see cref="HttpPayPalCertificates.Shared"/>: downloaded once, cached until it
/// expires) and must be valid at the time of verification; when it cannot be had the webhook is rejected, never accepted.
/// <c>PAYPAL-TRANSMISSION-TIME</c> is RFC 3339; default tolerance 4 days, because PayPal retries a failed delivery 25 times over
/// three days and a retry repeats the original transmission (its time and signature). Event ID is the body's <c>id</c>
/// (<c>WH-…</c>); event type its <c>event_type</c> (for example <c>PAYMENT.CAPTURE.COMPLETED</c>). No handshake.
/// Source: https://developer.paypal.com/api/rest/webhooks/rest/.
/// </summary>
/// <remarks>
/// The first webhook signed with a new certificate waits for its download (at most <see cref="HttpPayPalCertificates.DefaultTimeout"/>)
/// on the request's thread; see <see cref="HttpPayPalCertificates"/> for why that is the least bad option for a synchronous
/// verifier. Options: <c>toleranceSeconds</c> (1 to 604800).
/// </remarks>
public sealed class PayPal : IProviderScheme
{
    /// <summary>Default transmission-time tolerance: 4 days, longer than PayPal's three-day retry schedule.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromDays(4);

    /// <summary>Largest <c>toleranceSeconds</c> accepted: 7 days.</summary>
    public const int MaxToleranceSeconds = 7 * 24 * 3600;

    /// <summary>The only signature algorithm PayPal uses.</summary>
    public const string AuthAlgorithm = "SHA256withRSA";

    private static readonly string[] CertificateHosts = ["api.paypal.com", "api.sandbox.paypal.com", "api-m.paypal.com", "api-m.sandbox.paypal.com"];
    private static readonly string[] TimeFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    private readonly IPayPalCertificates? _certificates;

    /// <summary>Creates the scheme with the shared downloading certificate cache.</summary>
    public PayPal()
    {
    }

    /// <summary>Creates the scheme with another certificate source (tests, or a host that pre-loads certificates).</summary>
    /// <param name="certificates">Where certificates come from.</param>
    public PayPal(IPayPalCertificates certificates) => _certificates = certificates;

    /// <inheritdoc/>
    public string Name => "paypal";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options, ProviderOptions.ToleranceSeconds);
        return new Verifier(_certificates, ProviderOptions.Tolerance(options, DefaultTolerance, MaxToleranceSeconds));
    }

    /// <inheritdoc/>
    void IProviderScheme.ValidateSecret(string secret) => ValidateSecret(secret);

    /// <summary>Validates that a configured secret looks like a PayPal webhook ID: 1 to 50 letters and digits.</summary>
    /// <exception cref="ProviderOptionsException">It is not.</exception>
    public static void ValidateSecret(string secret)
    {
        if (secret.Length is < 1 or > 50 || !secret.All(char.IsAsciiLetterOrDigit))
        {
            throw new ProviderOptionsException("A PayPal secret is the webhook ID from the Developer Dashboard: 1 to 50 letters and digits.");
        }
    }

    /// <summary><see langword="true"/> when <paramref name="url"/> is an https PayPal certificate URL that may be fetched.</summary>
    public static bool IsCertificateUrl(Uri url) =>
        url.IsAbsoluteUri && url.Scheme == Uri.UriSchemeHttps && url.IsDefaultPort && url.UserInfo.Length == 0
        && CertificateHosts.Contains(url.IdnHost, StringComparer.OrdinalIgnoreCase)
        && url.AbsolutePath.StartsWith("/v1/notifications/certs/", StringComparison.Ordinal) && url.AbsolutePath.Length > 24;

    private sealed class Verifier(IPayPalCertificates? certificates, TimeSpan tolerance) : IWebhookVerifier
    {
        public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
        {
            var headers = request.Headers;
            var transmissionId = headers.Get("PAYPAL-TRANSMISSION-ID")?.Trim();
            var time = headers.Get("PAYPAL-TRANSMISSION-TIME")?.Trim();
            var signature = headers.Get("PAYPAL-TRANSMISSION-SIG")?.Trim();
            var certificateUrl = headers.Get("PAYPAL-CERT-URL")?.Trim();
            var algorithm = headers.Get("PAYPAL-AUTH-ALGO")?.Trim();
            if (string.IsNullOrEmpty(transmissionId) || string.IsNullOrEmpty(time) || string.IsNullOrEmpty(signature)
                || string.IsNullOrEmpty(certificateUrl) || string.IsNullOrEmpty(algorithm))
            {
                return VerificationResult.Rejected(VerificationStatus.MissingSignature);
            }

            if (!string.Equals(algorithm, AuthAlgorithm, StringComparison.OrdinalIgnoreCase)
                || !DateTimeOffset.TryParseExact(time, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var sent)
                || SignatureMath.DecodeBase64(signature) is not { Length: >= 128 and <= 1024 } signatureBytes
                || !Uri.TryCreate(certificateUrl, UriKind.Absolute, out var url))
            {
                return VerificationResult.Rejected(VerificationStatus.MalformedSignature);
            }

            if ((now - sent).Duration() > tolerance) return VerificationResult.Rejected(VerificationStatus.StaleTimestamp);
            if (!IsCertificateUrl(url)) return VerificationResult.Rejected(VerificationStatus.InvalidSignature);

            var certificate = (certificates ?? HttpPayPalCertificates.Shared).Get(url);
            if (certificate is null || now.UtcDateTime < certificate.NotBefore.ToUniversalTime() || now.UtcDateTime > certificate.NotAfter.ToUniversalTime())
            {
                return VerificationResult.Rejected(VerificationStatus.InvalidSignature);
            }

            using var rsa = certificate.GetRSAPublicKey();
            if (rsa is null) return VerificationResult.Rejected(VerificationStatus.InvalidSignature);

            var crc = Crc32.Compute(request.Body.Span).ToString(CultureInfo.InvariantCulture);
            foreach (var secret in secrets)
            {
                var message = $"{transmissionId}|{time}|{secret}|{crc}";
                var length = Encoding.UTF8.GetByteCount(message);
                var rented = ArrayPool<byte>.Shared.Rent(length);
                try
                {
                    Encoding.UTF8.GetBytes(message, rented);
                    if (rsa.VerifyData(rented.AsSpan(0, length), signatureBytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
                    {
                        return JsonFields.TryReadTopLevel(request.Body.Span, "id", "event_type", out var id, out var type) && !string.IsNullOrEmpty(id)
                            ? VerificationResult.Verified(id, type)
                            : VerificationResult.Rejected(VerificationStatus.MissingEventId);
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }

            return VerificationResult.Rejected(VerificationStatus.InvalidSignature);
        }
    }
}
