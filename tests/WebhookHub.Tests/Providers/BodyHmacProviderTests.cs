using System.Security.Cryptography;
using System.Text;
using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

/// <summary>Header rules of the schemes that sign only the raw body and send one signature: Intercom, Bitbucket, Jira, Typeform.</summary>
public sealed class BodyHmacProviderTests
{
    [Theory]
    [InlineData("intercom", "intercom.json", "X-Hub-Signature", "sha256=0a1b")]
    [InlineData("bitbucket", "bitbucket.json", "X-Hub-Signature", "sha1=0a1b")]
    [InlineData("jira", "jira.json", "X-Hub-Signature", "0a1b")]
    [InlineData("typeform", "typeform.json", "Typeform-Signature", "c2lnbmF0dXJl")]
    public void Verify_WrongPrefix_Malformed(string provider, string file, string header, string value)
    {
        var vector = Vectors.Load(file)[0];
        Assert.Equal(VerificationStatus.MalformedSignature, Verify(provider, vector, h => h.With(header, value)).Status);
    }

    [Theory]
    [InlineData("intercom", "intercom.json", "X-Hub-Signature")]
    [InlineData("bitbucket", "bitbucket.json", "X-Hub-Signature")]
    [InlineData("jira", "jira.json", "X-Hub-Signature")]
    [InlineData("typeform", "typeform.json", "Typeform-Signature")]
    public void Verify_NoSignatureHeader_Missing(string provider, string file, string header)
    {
        var vector = Vectors.Load(file)[0];
        Assert.Equal(VerificationStatus.MissingSignature, Verify(provider, vector, h => h.With(header, null)).Status);
    }

    [Theory]
    [InlineData("bitbucket", "bitbucket.json", "X-Request-UUID")]
    [InlineData("jira", "jira.json", "X-Atlassian-Webhook-Identifier")]
    public void Verify_NoEventIdHeader_MissingEventId(string provider, string file, string header)
    {
        var vector = Vectors.Load(file)[0];
        Assert.Equal(VerificationStatus.MissingEventId, Verify(provider, vector, h => h.With(header, null)).Status);
    }

    [Fact]
    public void Verify_IntercomBodyWithoutId_MissingEventId()
    {
        var vector = Vectors.Load("intercom.json")[0];
        const string body = "{\"type\":\"notification_event\",\"topic\":\"ping\"}";
        var signature = "sha1=" + Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(vector.Secret), Encoding.UTF8.GetBytes(body)));
        Assert.Equal(VerificationStatus.MissingEventId, Verify("intercom", vector, h => h.With("X-Hub-Signature", signature), body: body).Status);
    }

    [Fact]
    public void Verify_IntercomPing_StoredWithTopicPing()
    {
        var ping = Vectors.Load("intercom.json").Single(v => v.EventType == "ping");

        var result = Verify("intercom", ping);

        Assert.Equal(VerificationStatus.Verified, result.Status);
        Assert.Null(result.Reply);
    }

    [Fact]
    public void Verify_TypeformHexInsteadOfBase64_Invalid()
    {
        var vector = Vectors.Load("typeform.json")[0];
        var hex = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(vector.Secret), Encoding.UTF8.GetBytes(vector.Body)));
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("typeform", vector, h => h.With("Typeform-Signature", hex)).Status);
    }

    [Fact]
    public void Verify_SecondSecretMatches_Verified()
    {
        var vector = Vectors.Load("bitbucket.json")[1];
        var verifier = ProviderCatalog.Default.CreateVerifier("bitbucket", new Dictionary<string, string>());
        var request = new WebhookRequest(new DictionaryHeaders(vector.Headers), Encoding.UTF8.GetBytes(vector.Body));

        var result = verifier.Verify(request, ["retired-secret", vector.Secret], vector.NowTime);

        Assert.Equal(VerificationStatus.Verified, result.Status);
    }

    [Theory]
    [InlineData("intercom")]
    [InlineData("bitbucket")]
    [InlineData("jira")]
    [InlineData("typeform")]
    [InlineData("mollie")]
    [InlineData("docusign")]
    [InlineData("quickbooks")]
    public void CreateVerifier_UnknownOption_Throws(string provider)
    {
        var exception = Assert.Throws<ProviderOptionsException>(() =>
            ProviderCatalog.Default.CreateVerifier(provider, new Dictionary<string, string> { ["toleranceSeconds"] = "60" }));
        Assert.Equal($"Provider '{provider}' has no option 'toleranceSeconds'. Known options: none.", exception.Message);
    }
}
