using System.Security.Cryptography;
using System.Text;
using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

public sealed class TwilioTests
{
    private static Vector Named(string name) => Vectors.Load("twilio.json").Single(v => v.Name == name);

    private static Vector Docs => Named("docs-example-voice-request");

    /// <summary>Signs like Twilio, independently of the verifier: base64 HMAC-SHA1 of the URL + the given name/value text.</summary>
    private static string Sign(string token, string url, string parameters) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(url + parameters)));

    [Fact]
    public void Verify_PublishedDocsExample_VerifiedWithBodyHashId()
    {
        var result = Verify("twilio", Docs);

        Assert.Equal(VerificationStatus.Verified, result.Status);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Docs.Body))), result.EventId);
        Assert.Null(result.EventType);
    }

    [Fact]
    public void Verify_MissingSignature_Missing() =>
        Assert.Equal(VerificationStatus.MissingSignature, Verify("twilio", Docs, h => h.With(Twilio.SignatureHeader, null)).Status);

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAAAAAAAAAAAA==")]
    public void Verify_MalformedSignature_Malformed(string signature) =>
        Assert.Equal(VerificationStatus.MalformedSignature, Verify("twilio", Docs, h => h.With(Twilio.SignatureHeader, signature)).Status);

    [Theory]
    [InlineData("https://mycompany.com:443/myapp.php?foo=1&bar=2")]
    [InlineData("https://mycompany.com:8443/myapp.php?foo=1&bar=2")] // the library drops any port, not only the default one
    [InlineData("HTTPS://MyCompany.com/myapp.php?foo=1&bar=2")]      // scheme and host are case-insensitive (WHATWG form)
    public void Verify_RequestedWithPortOrOtherCase_SignedWithout_Verified(string url) =>
        Assert.Equal(VerificationStatus.Verified, Verify("twilio", Docs, url: url).Status);

    [Theory]
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=3")]
    [InlineData("https://mycompany.com/other.php?foo=1&bar=2")]
    [InlineData("http://mycompany.com/myapp.php?foo=1&bar=2")]
    [InlineData("https://mycompany.com/myapp.php?bar=2&foo=1")]
    public void Verify_OtherUrl_Invalid(string url) =>
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("twilio", Docs, url: url).Status);

    [Fact]
    public void Verify_NoUrl_Invalid()
    {
        var verifier = ProviderCatalog.Default.CreateVerifier("twilio", new Dictionary<string, string>());
        var request = new WebhookRequest(new DictionaryHeaders(Docs.Headers), Encoding.UTF8.GetBytes(Docs.Body));
        Assert.Equal(VerificationStatus.InvalidSignature, verifier.Verify(request, [Docs.Secret], Docs.NowTime).Status);
    }

    [Fact]
    public void Verify_WithoutIdempotencyHeader_IdFromMessageSidAndStatus()
    {
        var vector = Named("message-status-delivered");
        var sid = System.Web.HttpUtility.ParseQueryString(vector.Body)["MessageSid"];

        var result = Verify("twilio", vector, h => h.With(Twilio.IdempotencyHeader, null));

        Assert.Equal(VerificationStatus.Verified, result.Status);
        Assert.Equal($"{sid}:delivered", result.EventId);
        Assert.Equal("message.delivered", result.EventType);
    }

    [Fact]
    public void Verify_CallStatusWithoutIdempotencyHeader_IdIncludesSequenceNumber()
    {
        var vector = Named("call-status-completed");
        var sid = System.Web.HttpUtility.ParseQueryString(vector.Body)["CallSid"];

        var result = Verify("twilio", vector, h => h.With(Twilio.IdempotencyHeader, null));

        Assert.Equal($"{sid}:completed:3", result.EventId);
        Assert.Equal("call.completed", result.EventType);
    }

    [Fact]
    public void Verify_JsonBodyWithoutBodyHashInUrl_Invalid()
    {
        var vector = Named("event-streams-json-body-sha256");
        var url = vector.Url![..vector.Url!.IndexOf('?', StringComparison.Ordinal)];
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("twilio", vector, url: url).Status);
    }

    [Fact]
    public void Verify_RepeatedParameters_DistinctValuesSortedUnderTheirName()
    {
        const string token = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
        const string url = "https://hooks.webhookhub.example/api/webhooks/src_twilio";
        const string body = "To=%2B15558675310&MediaUrl=b&MediaUrl=a&MediaUrl=b&Body=hi+there";
        var signature = Sign(token, url, "Bodyhi thereMediaUrlaMediaUrlbTo+15558675310");
        var vector = Docs with { Secret = token, Body = body, Url = url, Headers = new() { [Twilio.SignatureHeader] = signature } };

        Assert.Equal(VerificationStatus.Verified, Verify("twilio", vector).Status);
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("twilio", vector, body: body.Replace("MediaUrl=a&", "", StringComparison.Ordinal)).Status);
    }

    [Fact]
    public void Verify_SecondaryTokenAmongSecrets_Verified()
    {
        var verifier = ProviderCatalog.Default.CreateVerifier("twilio", new Dictionary<string, string>());
        var request = new WebhookRequest(new DictionaryHeaders(Docs.Headers), Encoding.UTF8.GetBytes(Docs.Body)) { Url = Docs.RequestUrl };
        Assert.Equal(VerificationStatus.Verified, verifier.Verify(request, ["0123456789abcdef0123456789abcdef", Docs.Secret], Docs.NowTime).Status);
    }

    [Fact]
    public void CreateVerifier_UnknownOption_Throws() =>
        Assert.Throws<ProviderOptionsException>(() => ProviderCatalog.Default.CreateVerifier("twilio", new Dictionary<string, string> { ["url"] = "x" }));

    [Theory]
    [InlineData("12345")]
    [InlineData("4c3f0b9e2a7d41c88e5f6a1b2c3d4e5")]
    [InlineData("4c3f0b9e2a7d41c88e5f6a1b2c3d4e5g")]
    public void ValidateSecret_NotAnAuthToken_Throws(string secret) =>
        Assert.Throws<ProviderOptionsException>(() => ProviderCatalog.Default.ValidateSecret("twilio", secret));

    [Fact]
    public void ValidateSecret_AuthToken_Accepted() => ProviderCatalog.Default.ValidateSecret("twilio", "4c3f0b9e2a7d41c88e5f6a1b2c3d4e5f");
}
