using System.Security.Cryptography;
using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

public sealed class SendGridTests
{
    private const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature", TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    private static Vector Single => Vectors.Load("sendgrid.json").Single(v => v.Name == "single-delivered");

    [Fact]
    public void Verify_PublishedLibraryVector_Verified()
    {
        var vector = Vectors.Load("sendgrid.json").Single(v => v.Source.StartsWith("published", StringComparison.Ordinal));

        var result = Verify("sendgrid", vector);

        Assert.Equal(VerificationStatus.Verified, result.Status);
        Assert.Equal("test_event", result.EventType);
    }

    [Fact]
    public void Verify_TimestampIsSigned_OtherTimestampInvalid()
    {
        var later = (Single.Now + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("sendgrid", Single, h => h.With(TimestampHeader, later)).Status);
    }

    [Fact]
    public void Verify_SecondSecretMatches_Verified()
    {
        var other = Convert.ToBase64String(ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportSubjectPublicKeyInfo());
        Assert.Equal(VerificationStatus.Verified, SecretRotation.VerifyWithSecrets("sendgrid", Single, other, Single.Secret).Status);
    }

    [Fact]
    public void Verify_PemArmouredSecret_Verified()
    {
        var pem = "-----BEGIN PUBLIC KEY-----\n" + Single.Secret[..64] + "\n" + Single.Secret[64..] + "\n-----END PUBLIC KEY-----\n";
        Assert.Equal(VerificationStatus.Verified, Verify("sendgrid", Single, secret: pem).Status);
    }

    [Fact]
    public void Verify_ConcurrentRequests_AllVerified()
    {
        var vectors = Vectors.Load("sendgrid.json");
        var results = new VerificationStatus[400];

        Parallel.For(0, results.Length, i => results[i] = Verify("sendgrid", vectors[i % vectors.Count]).Status);

        Assert.All(results, status => Assert.Equal(VerificationStatus.Verified, status));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    public void Verify_OutsideDefaultTolerance_Stale(int offsetSeconds) =>
        Assert.Equal(VerificationStatus.StaleTimestamp, Verify("sendgrid", Single, now: Single.NowTime.AddSeconds(offsetSeconds)).Status);

    [Fact]
    public void Verify_ToleranceOption_Widens()
    {
        var options = new Dictionary<string, string> { ["toleranceSeconds"] = "86400" };
        Assert.Equal(VerificationStatus.Verified, Verify("sendgrid", Single, now: Single.NowTime.AddHours(12), options: options).Status);
    }

    [Theory]
    [InlineData(SignatureHeader, "not base64!")]
    [InlineData(TimestampHeader, "2025-06-03T12:00:00Z")]
    public void Verify_MalformedHeader_Malformed(string header, string value) =>
        Assert.Equal(VerificationStatus.MalformedSignature, Verify("sendgrid", Single, h => h.With(header, value)).Status);

    [Fact]
    public void Verify_SignatureNotDer_Invalid() =>
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("sendgrid", Single, h => h.With(SignatureHeader, Convert.ToBase64String(new byte[64]))).Status);

    [Theory]
    [InlineData(SignatureHeader)]
    [InlineData(TimestampHeader)]
    public void Verify_MissingHeader_Missing(string header) =>
        Assert.Equal(VerificationStatus.MissingSignature, Verify("sendgrid", Single, h => h.With(header, null)).Status);

    [Fact]
    public void ValidateSecret_VectorKey_Accepted() => SendGrid.ValidateSecret(Single.Secret);

    [Fact]
    public void ValidateSecret_P384Key_Throws()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Assert.Throws<ProviderOptionsException>(() => SendGrid.ValidateSecret(Convert.ToBase64String(key.ExportSubjectPublicKeyInfo())));
    }

    [Fact]
    public void ValidateSecret_RsaKey_Throws()
    {
        using var key = RSA.Create(2048);
        Assert.Throws<ProviderOptionsException>(() => SendGrid.ValidateSecret(Convert.ToBase64String(key.ExportSubjectPublicKeyInfo())));
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("c2hvcnQ=")]
    public void ValidateSecret_NotAPublicKey_Throws(string secret) =>
        Assert.Throws<ProviderOptionsException>(() => ProviderCatalog.Default.ValidateSecret("sendgrid", secret));

    [Fact]
    public void CreateVerifier_UnknownOption_Throws() =>
        Assert.Throws<ProviderOptionsException>(() => new SendGrid().CreateVerifier(new Dictionary<string, string> { ["publicKey"] = "x" }));
}
