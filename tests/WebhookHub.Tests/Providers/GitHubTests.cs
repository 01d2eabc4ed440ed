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
}
