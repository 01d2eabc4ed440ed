using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using WebhookHub.Providers;

namespace WebhookHub.Tests.Support;

/// <summary>
/// Hands the PayPal verifier the self-signed test certificate (tests/vectors/paypal-test-cert.pem, made by generate-paypal.mjs)
/// for every URL it asks for, and records the URLs asked for.
/// </summary>
public sealed class TestPayPalCertificates(X509Certificate2? certificate) : IPayPalCertificates
{
    private static readonly Lazy<X509Certificate2> LazyCertificate = new(() =>
        X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "paypal-test-cert.pem"))));

    /// <summary>A shared instance that returns the test certificate.</summary>
    public static TestPayPalCertificates Instance { get; } = new(Certificate);

    /// <summary>The test certificate the PayPal vectors are signed for.</summary>
    public static X509Certificate2 Certificate => LazyCertificate.Value;

    /// <summary>Every URL requested, in order.</summary>
    public ConcurrentQueue<Uri> Requested { get; } = new();

    public X509Certificate2? Get(Uri url)
    {
        Requested.Enqueue(url);
        return certificate;
    }
}
