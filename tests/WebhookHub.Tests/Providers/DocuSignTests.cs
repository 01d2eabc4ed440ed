using System.Security.Cryptography;
using System.Text;
using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

public sealed class DocuSignTests
{
    private static Vector Sent => Vectors.Load("docusign.json").Single(v => v.EventType == "envelope-sent");

    private static Vector TwoKeys => Vectors.Load("docusign.json").Single(v => v.Headers.ContainsKey("X-DocuSign-Signature-2"));

    private static string Base64(string secret, string body) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void Verify_SecondHeaderMatches_Verified() =>
        Assert.Equal(VerificationStatus.Verified, Verify("docusign", TwoKeys).Status);

    [Fact]
    public void Verify_OnlyHeaderOfOtherKey_Invalid() =>
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("docusign", TwoKeys, h => h.With("X-DocuSign-Signature-2", null)).Status);

    [Fact]
    public void Verify_KeyDecodedFromBase64_Invalid()
    {
        // DocuSign keys are used as their UTF-8 text; decoding them first must not verify.
        var decodedKey = Convert.FromBase64String(Sent.Secret);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(decodedKey, Encoding.UTF8.GetBytes(Sent.Body)));
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("docusign", Sent, h => h.With("X-DocuSign-Signature-1", signature)).Status);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void Verify_NoDigestInHeaders_Malformed(string value) =>
        Assert.Equal(VerificationStatus.MalformedSignature, Verify("docusign", Sent, h => h.With("X-DocuSign-Signature-1", value)).Status);

    [Fact]
    public void Verify_NoSignatureHeaders_Missing() =>
        Assert.Equal(VerificationStatus.MissingSignature, Verify("docusign", Sent, h => h.With("X-DocuSign-Signature-1", null)).Status);

    [Fact]
    public void Verify_RetryCountChanged_SameEventId()
    {
        var retried = Sent.Body.Replace("\"retryCount\":0", "\"retryCount\":3", StringComparison.Ordinal);
        Assert.NotEqual(Sent.Body, retried);

        var result = Verify("docusign", Sent, h => h.With("X-DocuSign-Signature-1", Base64(Sent.Secret, retried)), body: retried);

        Assert.Equal(VerificationStatus.Verified, result.Status);
        Assert.Equal(Sent.EventId, result.EventId);
    }

    [Fact]
    public void Verify_XmlBody_BodyHashWithoutType()
    {
        const string body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><DocuSignEnvelopeInformation><EnvelopeStatus><Status>Completed</Status></EnvelopeStatus></DocuSignEnvelopeInformation>";

        var result = Verify("docusign", Sent, h => h.With("X-DocuSign-Signature-1", Base64(Sent.Secret, body)), body: body);

        Assert.Equal(VerificationStatus.Verified, result.Status);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))), result.EventId);
        Assert.Null(result.EventType);
    }

    [Fact]
    public void ValidateSecret_KeyMissingFinalEquals_Throws() =>
        Assert.Throws<ProviderOptionsException>(() => ProviderCatalog.Default.ValidateSecret("docusign", Sent.Secret.TrimEnd('=')));

    [Fact]
    public void ValidateSecret_GeneratedKey_Accepted() => DocuSign.ValidateSecret(Sent.Secret);
}
