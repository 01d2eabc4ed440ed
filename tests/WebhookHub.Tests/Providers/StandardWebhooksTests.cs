using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

public sealed class StandardWebhooksTests
{
    public static IEnumerable<object[]> Valid => Vectors.Rows("standardwebhooks.json");

    [Theory]
    [MemberData(nameof(Valid))]
    public void Verify_LibraryOrPublishedVector_VerifiedWithWebhookIdAndType(Vector vector)
    {
        var result = Verify("standardwebhooks", vector);

        Assert.Equal(VerificationStatus.Verified, result.Status);
        Assert.Equal(vector.EventId, result.EventId);
        Assert.Equal(vector.EventType, result.EventType);
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void Verify_TamperedBody_Invalid(Vector vector) =>
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("standardwebhooks", vector, body: Tamper(vector.Body)).Status);

    [Fact]
    public void Verify_WrongSecret_Invalid() =>
        Assert.Equal(VerificationStatus.InvalidSignature,
            Verify("standardwebhooks", Vectors.Load("standardwebhooks.json")[1], secret: "whsec_" + Convert.ToBase64String(new byte[32])).Status);

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
}
