using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

public sealed class StandardWebhooksTests
{
    [Fact]
    public void Verify_ChangedWebhookId_Invalid()
    {
        var vector = Vectors.Load("standardwebhooks.json")[1];
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("standardwebhooks", vector, h => h.With("webhook-id", "msg_other")).Status);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    public void Verify_OutsideTolerance_Stale(int offsetSeconds)
    {
        var vector = Vectors.Load("standardwebhooks.json")[1];
        Assert.Equal(VerificationStatus.StaleTimestamp, Verify("standardwebhooks", vector, now: vector.NowTime.AddSeconds(offsetSeconds)).Status);
    }

    [Fact]
    public void Verify_NonNumericTimestamp_Malformed()
    {
        var vector = Vectors.Load("standardwebhooks.json")[1];
        Assert.Equal(VerificationStatus.MalformedSignature, Verify("standardwebhooks", vector, h => h.With("webhook-timestamp", "2023-11-14T22:13:20Z")).Status);
    }

    [Theory]
    [InlineData("v1,")]
    [InlineData("v2,abc")]
    [InlineData("garbage")]
    public void Verify_UnusableSignature_Invalid(string signature)
    {
        var vector = Vectors.Load("standardwebhooks.json")[1];
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("standardwebhooks", vector, h => h.With("webhook-signature", signature)).Status);
    }

    [Fact]
    public void Verify_MissingId_Missing()
    {
        var vector = Vectors.Load("standardwebhooks.json")[1];
        Assert.Equal(VerificationStatus.MissingSignature, Verify("standardwebhooks", vector, h => h.With("webhook-id", null)).Status);
    }

    [Fact]
    public void ValidateSecret_NotBase64_Throws() =>
        Assert.Throws<ProviderOptionsException>(() => StandardWebhooks.ValidateSecret("whsec_!!!"));

    [Fact]
    public void Verify_V1aWithSymmetricSecret_Invalid()
    {
        // A v1a-only header must not verify against an HMAC secret, and a v1 header must not verify against a public key.
        var v1a = Vectors.Load("standardwebhooks-v1a.json")[0];
        var v1 = Vectors.Load("standardwebhooks.json")[1];
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("standardwebhooks", v1a, secret: v1.Secret).Status);
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("standardwebhooks", v1, secret: v1a.Secret).Status);
    }

    [Fact]
    public void ValidateSecret_PublicKeyOfWrongLength_Throws() =>
        Assert.Throws<ProviderOptionsException>(() => StandardWebhooks.ValidateSecret("whpk_" + Convert.ToBase64String(new byte[16])));
}
