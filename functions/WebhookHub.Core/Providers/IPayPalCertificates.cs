using System.Security.Cryptography.X509Certificates;

namespace WebhookHub.Providers;

/// <summary>
/// Where the <see cref="PayPal"/> scheme gets the certificate a <c>PAYPAL-CERT-URL</c> names. The scheme only asks for URLs it
/// already accepted (https on a PayPal API host, under <c>/v1/notifications/certs/</c>). Implementations are thread-safe and
/// synchronous, because <see cref="IWebhookVerifier.Verify"/> is; the default, <see cref="HttpPayPalCertificates"/>, downloads
/// once per URL and caches. Tests inject certificates through this interface.
/// </summary>
public interface IPayPalCertificates
{
    /// <summary>
    /// Returns the (leaf) certificate published at <paramref name="url"/>, or <see langword="null"/> when it cannot be had now
    /// (download failed or timed out, not a certificate). Never throws for those; the caller then rejects the webhook. The
    /// instance may be cached and shared: callers must not dispose it.
    /// </summary>
    /// <param name="url">The certificate URL from <c>PAYPAL-CERT-URL</c>, already checked to be a PayPal certificate URL.</param>
    X509Certificate2? Get(Uri url);
}
