using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.HandshakeRequest;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

public sealed class MetaTests
{
    private const string Subscribe = "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock";

    private static Vector Photos => Vectors.Load("meta.json").Single(v => v.Name == "getting-started-user-photos");

    [Fact]
    public void Verify_GetWithPrefixedVerifyToken_HandshakeEchoesChallengeAsText()
    {
        var result = Run("meta", "GET", Subscribe, [Photos.Secret, "verify_token:meatyhamhock"]);

        Assert.Equal(VerificationStatus.Handshake, result.Status);
        Assert.Equal("text/plain", result.Reply!.ContentType);
        Assert.Equal("1158201444", result.Reply.Body);
        Assert.Equal("nosniff", result.Reply.Headers["X-Content-Type-Options"]);
    }

    [Fact]
    public void Verify_GetWithUnprefixedVerifyToken_Handshake() =>
        Assert.Equal(VerificationStatus.Handshake, Run("meta", "GET", Subscribe, ["meatyhamhock"]).Status);

    [Fact]
    public void Verify_GetWithWrongVerifyToken_Invalid() =>
        Assert.Equal(VerificationStatus.InvalidSignature, Run("meta", "GET", Subscribe, [Photos.Secret, "verify_token:another-token"]).Status);

    [Theory]
    [InlineData("?hub.mode=subscribe&hub.challenge=1158201444")]
    [InlineData("?hub.mode=subscribe&hub.verify_token=meatyhamhock")]
    [InlineData("")]
    public void Verify_GetWithoutTokenOrChallenge_Missing(string query) =>
        Assert.Equal(VerificationStatus.MissingSignature, Run("meta", "GET", query, ["verify_token:meatyhamhock"]).Status);

    [Fact]
    public void Verify_GetWithOtherMode_Malformed() =>
        Assert.Equal(VerificationStatus.MalformedSignature,
            Run("meta", "GET", "?hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=meatyhamhock", ["verify_token:meatyhamhock"]).Status);

    [Fact]
    public void Verify_PostSignedWithVerifyTokenSecret_InvalidBecauseTokenIsNoHmacKey()
    {
        var body = Photos.Body;
        var headers = new Dictionary<string, string> { ["X-Hub-Signature-256"] = "sha256=" + HmacHex("meatyhamhock", body) };

        Assert.Equal(VerificationStatus.InvalidSignature, Run("meta", "POST", "", ["verify_token:meatyhamhock"], headers, body).Status);
        Assert.Equal(VerificationStatus.Verified, Run("meta", "POST", "", ["meatyhamhock"], headers, body).Status);
    }

    [Fact]
    public void Verify_RotatedAppSecrets_AnyMatches()
    {
        var headers = new Dictionary<string, string>(Photos.Headers);
        Assert.Equal(VerificationStatus.Verified, Run("meta", "POST", "", ["verify_token:x", "old-app-secret", Photos.Secret], headers, Photos.Body).Status);
    }

    [Fact]
    public void Verify_MissingHeader_Missing() =>
        Assert.Equal(VerificationStatus.MissingSignature, Verify("meta", Photos, h => h.With("X-Hub-Signature-256", null)).Status);

    [Theory]
    [InlineData("sha1=2fd4e1c67a2d28fced849ee1bb76e7391b93eb12")]
    [InlineData("sha256=abc")]
    [InlineData("2fd4e1c67a2d28fced849ee1bb76e7391b93eb122fd4e1c67a2d28fced849ee1")]
    public void Verify_MalformedHeader_Malformed(string header) =>
        Assert.Equal(VerificationStatus.MalformedSignature, Verify("meta", Photos, h => h.With("X-Hub-Signature-256", header)).Status);

    [Fact]
    public void Verify_BodyNotJson_VerifiedWithBodyHash()
    {
        const string body = "not json";
        var headers = new Dictionary<string, string> { ["X-Hub-Signature-256"] = "sha256=" + HmacHex("app-secret", body) };

        var result = Run("meta", "POST", "", ["app-secret"], headers, body);

        Assert.Equal(VerificationStatus.Verified, result.Status);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("not json"u8)), result.EventId);
        Assert.Null(result.EventType);
    }

    [Fact]
    public void AllowsMethod_GetAndPostOnly()
    {
        var verifier = Verifier("meta");
        Assert.True(verifier.AllowsMethod("GET"));
        Assert.True(verifier.AllowsMethod("POST"));
        Assert.False(verifier.AllowsMethod("OPTIONS"));
    }

    [Fact]
    public void CreateVerifier_UnknownOption_Throws() =>
        Assert.Throws<ProviderOptionsException>(() => Verifier("meta", new() { ["verifyToken"] = "x" }));

    [Theory]
    [InlineData("verify_token:")]
    [InlineData("verify_token:  ")]
    public void ValidateSecret_PrefixWithoutToken_Throws(string secret)
    {
        ProviderCatalog.Default.ValidateSecret("meta", "verify_token:meatyhamhock");
        Assert.Throws<ProviderOptionsException>(() => ProviderCatalog.Default.ValidateSecret("meta", secret));
    }
}
