using System.Security.Cryptography;
using System.Text;
using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

public sealed class SquareTests
{
    private static Vector Payment => Vectors.Load("square.json").Single(v => v.Name == "payment-created");

    private static Dictionary<string, string> NotificationUrl(string url) => new() { [Square.NotificationUrlOption] = url };

    [Fact]
    public void Verify_SdkTestSuiteVector_Verified()
    {
        var vector = Vectors.Load("square.json").Single(v => v.Name == "sdk-test-suite-test-notification");

        var result = Verify("square", vector);

        Assert.Equal(VerificationStatus.Verified, result.Status);
        Assert.Equal("ac3ac95b-f97d-458c-a6e6-18981597e05f", result.EventId);
        Assert.Equal("webhooks.test_notification", result.EventType);
    }

    [Fact]
    public void Verify_MissingSignature_Missing() =>
        Assert.Equal(VerificationStatus.MissingSignature, Verify("square", Payment, h => h.With(Square.SignatureHeader, null)).Status);

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void Verify_MalformedSignature_Malformed(string signature) =>
        Assert.Equal(VerificationStatus.MalformedSignature, Verify("square", Payment, h => h.With(Square.SignatureHeader, signature)).Status);

    [Fact]
    public void Verify_RequestUrlDiffersFromNotificationUrl_InvalidUnlessOptionSet()
    {
        const string internalUrl = "http://10.1.2.3:7071/api/webhooks/src_square";

        Assert.Equal(VerificationStatus.InvalidSignature, Verify("square", Payment, url: internalUrl).Status);
        Assert.Equal(VerificationStatus.Verified, Verify("square", Payment, url: internalUrl, options: NotificationUrl(Payment.Url!)).Status);
    }

    [Fact]
    public void Verify_NotificationUrlOptionWrong_Invalid() =>
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("square", Payment, options: NotificationUrl(Payment.Url! + "/")).Status);

    [Fact]
    public void Verify_NoUrlAndNoOption_Invalid()
    {
        var verifier = ProviderCatalog.Default.CreateVerifier("square", new Dictionary<string, string>());
        var request = new WebhookRequest(new DictionaryHeaders(Payment.Headers), Encoding.UTF8.GetBytes(Payment.Body));
        Assert.Equal(VerificationStatus.InvalidSignature, verifier.Verify(request, [Payment.Secret], Payment.NowTime).Status);
    }

    [Fact]
    public void Verify_SignedBodyWithoutEventId_MissingEventId()
    {
        const string body = "{\"merchant_id\":\"MLEFBHHSJGVHD\",\"type\":\"payment.created\"}";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Payment.Secret), Encoding.UTF8.GetBytes(Payment.Url + body)));
        Assert.Equal(VerificationStatus.MissingEventId, Verify("square", Payment, h => h.With(Square.SignatureHeader, signature), body: body).Status);
    }

    [Fact]
    public void Verify_RotatedSignatureKey_Verified()
    {
        var verifier = ProviderCatalog.Default.CreateVerifier("square", new Dictionary<string, string>());
        var request = new WebhookRequest(new DictionaryHeaders(Payment.Headers), Encoding.UTF8.GetBytes(Payment.Body)) { Url = Payment.RequestUrl };
        Assert.Equal(VerificationStatus.Verified, verifier.Verify(request, ["old-signature-key", Payment.Secret], Payment.NowTime).Status);
    }

    [Theory]
    [InlineData("hooks.webhookhub.example/api/webhooks/src_square")]
    [InlineData("ftp://hooks.webhookhub.example/x")]
    public void CreateVerifier_BadNotificationUrl_Throws(string url) =>
        Assert.Throws<ProviderOptionsException>(() => ProviderCatalog.Default.CreateVerifier("square", NotificationUrl(url)));

    [Fact]
    public void CreateVerifier_UnknownOption_Throws() =>
        Assert.Throws<ProviderOptionsException>(() => ProviderCatalog.Default.CreateVerifier("square", new Dictionary<string, string> { ["toleranceSeconds"] = "60" }));
}
