using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

public sealed class AdyenTests
{
    private static Vector Authorisation => Vectors.Load("adyen.json").Single(v => v.Name == "authorisation-success");

    private static Vector Batch => Vectors.Load("adyen.json").Single(v => v.EventType == "batch");

    private static Vector Platform => Vectors.Load("adyen.json").First(v => v.Headers.ContainsKey("HmacSignature"));

    [Fact]
    public void Verify_StandardWebhook_RepliesAccepted()
    {
        var result = Verify("adyen", Authorisation);

        Assert.Equal(VerificationStatus.Verified, result.Status);
        Assert.Equal(new ProviderReply("text/plain", "[accepted]"), result.Reply);
    }

    [Fact]
    public void Verify_PlatformWebhook_NoProviderReply() => Assert.Null(Verify("adyen", Platform).Reply);

    [Fact]
    public void Verify_TamperedSignedField_Invalid()
    {
        var body = Authorisation.Body.Replace("\"value\":4995", "\"value\":4996", StringComparison.Ordinal);
        Assert.NotEqual(Authorisation.Body, body);
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("adyen", Authorisation, body: body).Status);
    }

    [Fact]
    public void Verify_TamperedUnsignedField_StillVerifiedBecauseAdyenDoesNotSignIt()
    {
        var body = Authorisation.Body.Replace("\"paymentMethod\":\"visa\"", "\"paymentMethod\":\"mc\"", StringComparison.Ordinal);
        Assert.NotEqual(Authorisation.Body, body);
        Assert.Equal(VerificationStatus.Verified, Verify("adyen", Authorisation, body: body).Status);
    }

    [Fact]
    public void Verify_OneBatchItemTampered_Invalid()
    {
        var body = Batch.Body.Replace("\"value\":995", "\"value\":996", StringComparison.Ordinal);
        Assert.NotEqual(Batch.Body, body);
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("adyen", Batch, body: body).Status);
    }

    [Fact]
    public void Verify_PlatformTamperedBody_Invalid() =>
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("adyen", Platform, body: Platform.Body + " ").Status);

    [Fact]
    public void Verify_SecondSecretMatches_Verified()
    {
        const string other = "FFEEDDCCBBAA99887766554433221100FFEEDDCCBBAA99887766554433221100";
        Assert.Equal(VerificationStatus.Verified, SecretRotation.VerifyWithSecrets("adyen", Authorisation, other, Authorisation.Secret).Status);
        Assert.Equal(VerificationStatus.Verified, SecretRotation.VerifyWithSecrets("adyen", Platform, other, Platform.Secret).Status);
    }

    [Fact]
    public void Verify_ItemWithoutHmacSignature_Missing()
    {
        var body = Authorisation.Body.Replace("\"hmacSignature\"", "\"hmacSignatureRemoved\"", StringComparison.Ordinal);
        Assert.Equal(VerificationStatus.MissingSignature, Verify("adyen", Authorisation, body: body).Status);
    }

    [Fact]
    public void Verify_EmptyPlatformHeader_Missing() =>
        Assert.Equal(VerificationStatus.MissingSignature, Verify("adyen", Platform, h => h.With("HmacSignature", "")).Status);

    [Theory]
    [InlineData("{\"live\":\"false\"")]
    [InlineData("{\"live\":\"false\",\"notificationItems\":[]}")]
    [InlineData("[accepted]")]
    public void Verify_NotANotification_Malformed(string body) =>
        Assert.Equal(VerificationStatus.MalformedSignature, Verify("adyen", Authorisation, body: body).Status);

    [Theory]
    [InlineData("not-hex-at-all")]
    [InlineData("ABCDEF")]
    [InlineData("ABC")]
    public void ValidateSecret_NotAHexKey_Throws(string secret) =>
        Assert.Throws<ProviderOptionsException>(() => ProviderCatalog.Default.ValidateSecret("adyen", secret));

    [Fact]
    public void ValidateSecret_VectorKey_Accepted() => Adyen.ValidateSecret(Authorisation.Secret);

    [Fact]
    public void CreateVerifier_UnknownOption_Throws() =>
        Assert.Throws<ProviderOptionsException>(() => new Adyen().CreateVerifier(new Dictionary<string, string> { ["toleranceSeconds"] = "60" }));
}
