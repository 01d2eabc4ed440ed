using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

public sealed class GitHubTests
{
    [Fact]
    public void Verify_PublishedDocsVector_IsIncluded()
    {
        var vector = Vectors.Load("github.json").Single(v => v.Source.StartsWith("published", StringComparison.Ordinal));
        Assert.Equal("Hello, World!", vector.Body);
        Assert.Equal(VerificationStatus.Verified, Verify("github", vector).Status);
    }

    [Fact]
    public void Verify_AnyOfSeveralSecrets_Verified()
    {
        var vector = Vectors.Load("github.json")[1];
        var verifier = ProviderCatalog.Default.CreateVerifier("github", new Dictionary<string, string>());
        var result = verifier.Verify(new WebhookRequest(new DictionaryHeaders(vector.Headers), System.Text.Encoding.UTF8.GetBytes(vector.Body)),
            ["old-secret", vector.Secret], vector.NowTime);
        Assert.True(result.IsVerified);
    }

    [Theory]
    [InlineData("sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha256=757107ea")]
    [InlineData("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    public void Verify_MalformedHeader_Malformed(string header) =>
        Assert.Equal(VerificationStatus.MalformedSignature,
            Verify("github", Vectors.Load("github.json")[0], h => h.With("X-Hub-Signature-256", header)).Status);

    [Fact]
    public void Verify_NonHexSignature_Invalid() =>
        Assert.Equal(VerificationStatus.InvalidSignature,
            Verify("github", Vectors.Load("github.json")[0], h => h.With("X-Hub-Signature-256", "sha256=" + new string('z', 64))).Status);

    [Fact]
    public void Verify_MissingDeliveryHeader_MissingEventId() =>
        Assert.Equal(VerificationStatus.MissingEventId,
            Verify("github", Vectors.Load("github.json")[0], h => h.With("X-GitHub-Delivery", null)).Status);

    [Fact]
    public void Verify_MissingSignature_Missing() =>
        Assert.Equal(VerificationStatus.MissingSignature,
            Verify("github", Vectors.Load("github.json")[0], h => h.With("X-Hub-Signature-256", null)).Status);

    [Fact]
    public void Verify_LegacySha1Disabled_Missing()
    {
        var vector = Vectors.Load("github-sha1.json")[0];
        var options = new Dictionary<string, string> { ["legacySha1"] = "false" };
        Assert.Equal(VerificationStatus.MissingSignature, Verify("github", vector, options: options).Status);
    }

    [Fact]
    public void Verify_ForgedSha256BesideValidSha1_Invalid()
    {
        // A valid legacy signature must not rescue a request whose SHA-256 signature is wrong: no downgrade.
        var vector = Vectors.Load("github-sha1.json")[0];
        var forged = Verify("github", vector, h => h.With("X-Hub-Signature-256", "sha256=" + new string('0', 64)));
        Assert.Equal(VerificationStatus.InvalidSignature, forged.Status);
    }

    [Theory]
    [InlineData("sha1=abc")]
    [InlineData("sha256=3b2c9e4c1f0d5a6b7c8d9e0f1a2b3c4d5e6f7a8b")]
    public void Verify_MalformedLegacyHeader_Malformed(string header) =>
        Assert.Equal(VerificationStatus.MalformedSignature,
            Verify("github", Vectors.Load("github-sha1.json")[0], h => h.With("X-Hub-Signature", header)).Status);
}
