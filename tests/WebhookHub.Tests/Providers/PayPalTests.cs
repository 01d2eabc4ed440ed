using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

public sealed class PayPalTests
{
    private const string CertUrl = "PAYPAL-CERT-URL";

    private static Vector Capture => Vectors.Load("paypal.json").Single(v => v.Name == "payment-capture-completed");

    private static VerificationResult VerifyWith(IPayPalCertificates certificates, Vector vector, DateTimeOffset? now = null,
        IReadOnlyList<string>? secrets = null, Func<DictionaryHeaders, DictionaryHeaders>? headers = null)
    {
        var verifier = new PayPal(certificates).CreateVerifier(new Dictionary<string, string>());
        var requestHeaders = new DictionaryHeaders(vector.Headers);
        if (headers is not null) requestHeaders = headers(requestHeaders);
        var request = new WebhookRequest(requestHeaders, Encoding.UTF8.GetBytes(vector.Body));
        return verifier.Verify(request, secrets ?? [vector.Secret], now ?? vector.NowTime);
    }

    /// <summary>A certificate for the test key (the vectors' signer) issued by a throwaway CA, valid only in the given window.</summary>
    private static X509Certificate2 ReissuedTestKey(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var issuerKey = RSA.Create(2048);
        var issuerRequest = new CertificateRequest("CN=Throwaway test issuer", issuerKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        issuerRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var issuer = issuerRequest.CreateSelfSigned(notBefore.AddDays(-1), notAfter.AddDays(1));
        var request = new CertificateRequest(new X500DistinguishedName("CN=Reissued PayPal test key"), TestPayPalCertificates.Certificate.PublicKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.Create(issuer, notBefore, notAfter, [1, 2, 3, 4]);
    }

    [Theory]
    [InlineData("PAYPAL-TRANSMISSION-ID")]
    [InlineData("PAYPAL-TRANSMISSION-TIME")]
    [InlineData("PAYPAL-TRANSMISSION-SIG")]
    [InlineData(CertUrl)]
    [InlineData("PAYPAL-AUTH-ALGO")]
    public void Verify_HeaderMissing_Missing(string header) =>
        Assert.Equal(VerificationStatus.MissingSignature, Verify("paypal", Capture, h => h.With(header, null)).Status);

    [Theory]
    [InlineData("PAYPAL-AUTH-ALGO", "SHA1withRSA")]
    [InlineData("PAYPAL-TRANSMISSION-TIME", "15/05/2025 11:04:07")]
    [InlineData("PAYPAL-TRANSMISSION-SIG", "not base64!")]
    [InlineData("PAYPAL-TRANSMISSION-SIG", "c2hvcnQ=")]
    [InlineData(CertUrl, "not a url")]
    public void Verify_MalformedHeader_Malformed(string header, string value) =>
        Assert.Equal(VerificationStatus.MalformedSignature, Verify("paypal", Capture, h => h.With(header, value)).Status);

    private static DateTimeOffset Sent => DateTimeOffset.Parse(new DictionaryHeaders(Capture.Headers).Get("PAYPAL-TRANSMISSION-TIME")!, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(4 * 86_400 + 1)]
    [InlineData(-(4 * 86_400 + 1))]
    public void Verify_OutsideDefaultTolerance_Stale(int offsetSeconds) =>
        Assert.Equal(VerificationStatus.StaleTimestamp, Verify("paypal", Capture, now: Sent.AddSeconds(offsetSeconds)).Status);

    [Theory]
    [InlineData(4 * 86_400)]
    [InlineData(-4 * 86_400)]
    public void Verify_AtDefaultToleranceEdge_Verified(int offsetSeconds) =>
        Assert.Equal(VerificationStatus.Verified, Verify("paypal", Capture, now: Sent.AddSeconds(offsetSeconds)).Status);

    [Fact]
    public void Verify_ToleranceOption_NarrowsAndWidens()
    {
        var narrow = new Dictionary<string, string> { ["toleranceSeconds"] = "60" };
        var wide = new Dictionary<string, string> { ["toleranceSeconds"] = "604800" };

        Assert.Equal(VerificationStatus.Verified, Verify("paypal", Capture, now: Sent.AddSeconds(60), options: narrow).Status);
        Assert.Equal(VerificationStatus.StaleTimestamp, Verify("paypal", Capture, now: Sent.AddSeconds(61), options: narrow).Status);
        Assert.Equal(VerificationStatus.Verified, Verify("paypal", Capture, now: Sent.AddDays(6), options: wide).Status);
    }

    [Theory]
    [InlineData("604801")]
    [InlineData("0")]
    public void CreateVerifier_ToleranceOutOfRange_Throws(string seconds) =>
        Assert.Throws<ProviderOptionsException>(() => new PayPal(TestPayPalCertificates.Instance).CreateVerifier(new Dictionary<string, string> { ["toleranceSeconds"] = seconds }));

    [Theory]
    [InlineData("https://evil.example/v1/notifications/certs/CERT-360caa42-fca2a594-7e57ce27")]
    [InlineData("http://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-7e57ce27")]
    [InlineData("https://api.paypal.com:8443/v1/notifications/certs/CERT-360caa42-fca2a594-7e57ce27")]
    [InlineData("https://api.paypal.com.evil.example/v1/notifications/certs/CERT-360caa42-fca2a594-7e57ce27")]
    [InlineData("https://user@api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-7e57ce27")]
    [InlineData("https://api.paypal.com/v1/oauth2/token")]
    [InlineData("https://api.paypal.com/v1/notifications/certs/../../oauth2/token")]
    [InlineData("https://www.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-7e57ce27")]
    public void Verify_CertificateUrlNotPayPals_InvalidWithoutFetching(string url)
    {
        var certificates = new TestPayPalCertificates(TestPayPalCertificates.Certificate);

        var result = VerifyWith(certificates, Capture, headers: h => h.With(CertUrl, url));

        Assert.Equal(VerificationStatus.InvalidSignature, result.Status);
        Assert.Empty(certificates.Requested);
    }

    [Fact]
    public void Verify_CertificateUnavailable_Invalid()
    {
        var certificates = new TestPayPalCertificates(null);

        Assert.Equal(VerificationStatus.InvalidSignature, VerifyWith(certificates, Capture).Status);
        Assert.Equal(new Uri(new DictionaryHeaders(Capture.Headers).Get(CertUrl)!), Assert.Single(certificates.Requested));
    }

    [Fact]
    public void Verify_CertificateExpiredOrNotYetValid_Invalid()
    {
        var sent = Capture.NowTime;
        using var valid = ReissuedTestKey(sent.AddDays(-30), sent.AddDays(30));
        using var expired = ReissuedTestKey(sent.AddDays(-30), sent.AddSeconds(-1));
        using var future = ReissuedTestKey(sent.AddSeconds(1), sent.AddDays(30));

        Assert.Equal(VerificationStatus.Verified, VerifyWith(new TestPayPalCertificates(valid), Capture).Status);
        Assert.Equal(VerificationStatus.InvalidSignature, VerifyWith(new TestPayPalCertificates(expired), Capture).Status);
        Assert.Equal(VerificationStatus.InvalidSignature, VerifyWith(new TestPayPalCertificates(future), Capture).Status);
    }

    [Fact]
    public void Verify_OtherCertificate_Invalid()
    {
        using var key = RSA.Create(2048);
        using var other = new CertificateRequest("CN=Other", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(Capture.NowTime.AddDays(-1), Capture.NowTime.AddDays(1));
        Assert.Equal(VerificationStatus.InvalidSignature, VerifyWith(new TestPayPalCertificates(other), Capture).Status);
    }

    [Fact]
    public void Verify_OtherWebhookIdFirst_RotationStillVerifies() =>
        Assert.Equal(VerificationStatus.Verified, VerifyWith(TestPayPalCertificates.Instance, Capture, secrets: ["5WRONG0WEBHOOK0ID", Capture.Secret]).Status);

    [Fact]
    public void Verify_AuthAlgoCaseInsensitive_Verified() =>
        Assert.Equal(VerificationStatus.Verified, Verify("paypal", Capture, h => h.With("PAYPAL-AUTH-ALGO", "sha256withrsa")).Status);

    [Theory]
    [InlineData("WH-123")]
    [InlineData("")]
    [InlineData("123456789012345678901234567890123456789012345678901")]
    public void ValidateSecret_NotAWebhookId_Throws(string secret) =>
        Assert.Throws<ProviderOptionsException>(() => ProviderCatalog.Default.ValidateSecret("paypal", secret));

    [Fact]
    public void ValidateSecret_WebhookId_Accepted() => ProviderCatalog.Default.ValidateSecret("paypal", "8PT597110X687430LKGECATA");

    [Fact]
    public void CreateVerifier_UnknownOption_Throws() =>
        Assert.Throws<ProviderOptionsException>(() => ProviderCatalog.Default.CreateVerifier("paypal", new Dictionary<string, string> { ["webhookId"] = "x" }));

    [Theory]
    [InlineData("123456789", 0xCBF43926u)]
    [InlineData("", 0u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void Crc32_KnownValues(string text, uint expected) => Assert.Equal(expected, Crc32.Compute(Encoding.UTF8.GetBytes(text)));
}
