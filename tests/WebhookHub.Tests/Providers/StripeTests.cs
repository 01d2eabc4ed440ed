using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

public sealed class StripeTests
{
    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    public void Verify_OutsideDefaultTolerance_Stale(int offsetSeconds)
    {
        var vector = Vectors.Load("stripe.json")[0];
        Assert.Equal(VerificationStatus.StaleTimestamp, Verify("stripe", vector, now: vector.NowTime.AddSeconds(offsetSeconds)).Status);
    }

    [Fact]
    public void Verify_JustInsideTolerance_Verified()
    {
        var vector = Vectors.Load("stripe.json")[0];
        Assert.Equal(VerificationStatus.Verified, Verify("stripe", vector, now: vector.NowTime.AddSeconds(300)).Status);
    }

    [Fact]
    public void Verify_ToleranceOption_Widens()
    {
        var vector = Vectors.Load("stripe.json")[0];
        var options = new Dictionary<string, string> { ["toleranceSeconds"] = "900" };
        Assert.Equal(VerificationStatus.Verified, Verify("stripe", vector, now: vector.NowTime.AddSeconds(600), options: options).Status);
    }

    [Theory]
    [InlineData("v1=abc")]
    [InlineData("t=notanumber,v1=abc")]
    [InlineData("t=1700000000")]
    [InlineData("garbage")]
    public void Verify_MalformedHeader_Malformed(string header)
    {
        var vector = Vectors.Load("stripe.json")[0];
        Assert.Equal(VerificationStatus.MalformedSignature, Verify("stripe", vector, h => h.With("Stripe-Signature", header)).Status);
    }

    [Fact]
    public void Verify_MissingHeader_Missing()
    {
        var vector = Vectors.Load("stripe.json")[0];
        Assert.Equal(VerificationStatus.MissingSignature, Verify("stripe", vector, h => h.With("Stripe-Signature", null)).Status);
    }

    [Fact]
    public void Verify_OnlyV0Signature_Malformed()
    {
        var vector = Vectors.Load("stripe.json")[0];
        var header = new DictionaryHeaders(vector.Headers).Get("Stripe-Signature")!.Replace("v1=", "v0=");
        Assert.Equal(VerificationStatus.MalformedSignature, Verify("stripe", vector, h => h.With("Stripe-Signature", header)).Status);
    }

    [Fact]
    public void CreateVerifier_UnknownOption_Throws()
    {
        var exception = Assert.Throws<ProviderOptionsException>(() => new Stripe().CreateVerifier(new Dictionary<string, string> { ["header"] = "x" }));
        Assert.Equal("Provider 'stripe' has no option 'header'. Known options: toleranceSeconds.", exception.Message);
    }
}
