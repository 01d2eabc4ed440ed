using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using WebhookHub.Providers;

namespace WebhookHub.Tests.Support;

/// <summary>
/// Hands the PayPal verifier the self-signed test certificate (tests/vectors/paypal-test-cert.pem, made by generate-paypal.mjs)
/// for every URL it asks for, and records the URLs asked for. <see cref="Instance"/> also knows PayPal's own sandbox
/// certificate published in PayPal-Java-SDK's tests (tests/vectors/paypal-sdk-sandbox-cert.pem, written by
/// generate-published.mjs) and hands it out for that certificate's URL only, so paypal.json's published vector verifies.
/// </summary>
public sealed class TestPayPalCertificates(X509Certificate2? certificate, IReadOnlyDictionary<string, X509Certificate2>? byUrl = null) : IPayPalCertificates
{
    /// <summary>The PAYPAL-CERT-URL of the published PayPal-Java-SDK vector.</summary>
    public const string PublishedSandboxCertificateUrl = "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-1d93a270";

    private static readonly Lazy<X509Certificate2> LazyCertificate = new(() => Load("paypal-test-cert.pem"));

    private static readonly Lazy<X509Certificate2> LazyPublishedSandboxCertificate = new(() => Load("paypal-sdk-sandbox-cert.pem"));

    /// <summary>A shared instance that returns the test certificate, and PayPal's published sandbox certificate for its URL.</summary>
    public static TestPayPalCertificates Instance { get; } = new(Certificate, new Dictionary<string, X509Certificate2> { [PublishedSandboxCertificateUrl] = PublishedSandboxCertificate });

    /// <summary>The test certificate the PayPal vectors are signed for.</summary>
    public static X509Certificate2 Certificate => LazyCertificate.Value;

    /// <summary>PayPal's sandbox certificate from PayPal-Java-SDK's tests (valid 2019-04-02 to 2021-05-24).</summary>
    public static X509Certificate2 PublishedSandboxCertificate => LazyPublishedSandboxCertificate.Value;

    /// <summary>Every URL requested, in order.</summary>
    public ConcurrentQueue<Uri> Requested { get; } = new();

    public X509Certificate2? Get(Uri url)
    {
        Requested.Enqueue(url);
        return byUrl is not null && byUrl.TryGetValue(url.OriginalString, out var published) ? published : certificate;
    }

    private static X509Certificate2 Load(string file) =>
        X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", file)));
}
