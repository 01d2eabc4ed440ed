using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.HandshakeRequest;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

public sealed class DropboxTests
{
    private static Vector ListFolder => Vectors.Load("dropbox.json")[0];

    [Fact]
    public void Verify_GetWithChallenge_EchoedAsTextWithNoSniff()
    {
        var result = Run("dropbox", "GET", "?challenge=a%20b%3Cc", []);

        Assert.Equal(VerificationStatus.Handshake, result.Status);
        Assert.Equal(new ProviderReply("text/plain", "a b<c") { Headers = result.Reply!.Headers }, result.Reply);
        Assert.Equal("nosniff", result.Reply.Headers["X-Content-Type-Options"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?challenge=")]
    public void Verify_GetWithoutChallenge_Missing(string query) =>
        Assert.Equal(VerificationStatus.MissingSignature, Run("dropbox", "GET", query, [ListFolder.Secret]).Status);

    [Fact]
    public void Verify_MissingHeader_Missing() =>
        Assert.Equal(VerificationStatus.MissingSignature, Verify("dropbox", ListFolder, h => h.With("X-Dropbox-Signature", null)).Status);

    [Theory]
    [InlineData("sha256=0a8c16b085420b960dc78664279fe09e936a2a01b1f91064869d9e77dfd64529")]
    [InlineData("zz")]
    public void Verify_SignatureNotBareHex_Invalid(string header) =>
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("dropbox", ListFolder, h => h.With("X-Dropbox-Signature", header)).Status);

    [Fact]
    public void Verify_RotatedAppSecrets_AnyMatches() =>
        Assert.Equal(VerificationStatus.Verified,
            Run("dropbox", "POST", "", ["old-app-secret", ListFolder.Secret], new(ListFolder.Headers), ListFolder.Body).Status);

    [Fact]
    public void Verify_UppercaseHexSignature_Verified()
    {
        var upper = ListFolder.Headers["X-Dropbox-Signature"].ToUpperInvariant();
        Assert.Equal(VerificationStatus.Verified, Verify("dropbox", ListFolder, h => h.With("X-Dropbox-Signature", upper)).Status);
    }

    [Fact]
    public void AllowsMethod_GetAndPostOnly()
    {
        var verifier = Verifier("dropbox");
        Assert.True(verifier.AllowsMethod("GET"));
        Assert.False(verifier.AllowsMethod("OPTIONS"));
    }

    [Fact]
    public void CreateVerifier_UnknownOption_Throws() =>
        Assert.Throws<ProviderOptionsException>(() => Verifier("dropbox", new() { ["header"] = "X-Other" }));
}
