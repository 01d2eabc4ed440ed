using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

public sealed class XeroTests
{
    private static Vector Invoice => Vectors.Load("xero.json").First(v => v.EventType == "INVOICE.UPDATE");

    private static Vector IntentToReceive => Vectors.Load("xero.json").Single(v => v.EventId is null);

    [Fact]
    public void Verify_CorrectlySignedIntentToReceive_EmptyReplyNothingStored()
    {
        var result = Verify("xero", IntentToReceive);

        Assert.Equal(VerificationStatus.Handshake, result.Status);
        Assert.Equal(new ProviderReply("text/plain", ""), result.Reply);
        Assert.Null(result.EventId);
    }

    [Fact]
    public void Verify_WronglySignedIntentToReceive_Invalid() =>
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("xero", IntentToReceive, secret: "some-other-webhook-key").Status);

    [Fact]
    public void Verify_Event_RepliesWithEmptyBody()
    {
        var result = Verify("xero", Invoice);

        Assert.Equal(VerificationStatus.Verified, result.Status);
        Assert.Equal(new ProviderReply("text/plain", ""), result.Reply);
    }

    [Fact]
    public void Verify_SecondSecretMatches_Verified() =>
        Assert.Equal(VerificationStatus.Verified, SecretRotation.VerifyWithSecrets("xero", Invoice, "old-webhook-key", Invoice.Secret).Status);

    [Theory]
    [InlineData("not base64 at all")]
    [InlineData("c2hvcnQ=")]
    public void Verify_UnusableSignature_Invalid(string signature) =>
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("xero", Invoice, h => h.With("x-xero-signature", signature)).Status);

    [Fact]
    public void Verify_MissingHeader_Missing() =>
        Assert.Equal(VerificationStatus.MissingSignature, Verify("xero", Invoice, h => h.With("x-xero-signature", null)).Status);

    [Fact]
    public void CreateVerifier_UnknownOption_Throws() =>
        Assert.Throws<ProviderOptionsException>(() => new Xero().CreateVerifier(new Dictionary<string, string> { ["toleranceSeconds"] = "60" }));
}
