using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.HandshakeRequest;

namespace WebhookHub.Tests.Providers;

public sealed class MicrosoftGraphTests
{
    private const string EncodedToken =
        "Validation%3a+Testing+client+application+reachability+for+subscription+Request-Id%3a+25ff1ab1-8d3d-4b9a-a8a4-d23c0c3c0d4e";

    private static Vector Batch => Vectors.Load("msgraph.json").Single(v => v.Name == "two-notifications-batched");

    [Fact]
    public void Verify_ValidationToken_AnsweredDecodedAsTextWithoutAnySecret()
    {
        var result = Run("msgraph", "POST", "?validationToken=" + EncodedToken, [], new() { ["Content-Type"] = "text/plain; charset=utf-8" });

        Assert.Equal(VerificationStatus.Handshake, result.Status);
        Assert.Equal("text/plain", result.Reply!.ContentType);
        Assert.Equal("Validation: Testing client application reachability for subscription Request-Id: 25ff1ab1-8d3d-4b9a-a8a4-d23c0c3c0d4e", result.Reply.Body);
        Assert.Equal("nosniff", result.Reply.Headers["X-Content-Type-Options"]);
    }

    [Fact]
    public void Verify_EmptyValidationToken_Malformed() =>
        Assert.Equal(VerificationStatus.MalformedSignature, Run("msgraph", "POST", "?validationToken=", ["s"]).Status);

    [Fact]
    public void Verify_OneNotificationOfBatchWithOtherClientState_Invalid()
    {
        var body = ReplaceSecond(Batch.Body, Batch.Secret, "ForgedClientState");
        Assert.Equal(VerificationStatus.InvalidSignature, Run("msgraph", "POST", "", [Batch.Secret], body: body).Status);
    }

    [Fact]
    public void Verify_NotificationsMatchingDifferentSecrets_Verified()
    {
        var body = ReplaceSecond(Batch.Body, Batch.Secret, "RotatedClientState");
        Assert.Equal(VerificationStatus.Verified, Run("msgraph", "POST", "", [Batch.Secret, "RotatedClientState"], body: body).Status);
    }

    [Fact]
    public void Verify_NotificationWithoutClientState_Missing() =>
        Assert.Equal(VerificationStatus.MissingSignature,
            Run("msgraph", "POST", "", ["s"], body: "{\"value\":[{\"subscriptionId\":\"x\",\"changeType\":\"created\",\"resource\":\"r\"}]}").Status);

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"value\":[]}")]
    [InlineData("{\"value\":{}}")]
    public void Verify_NotANotificationCollection_Malformed(string body) =>
        Assert.Equal(VerificationStatus.MalformedSignature, Run("msgraph", "POST", "", ["s"], body: body).Status);

    [Fact]
    public void AllowsMethod_PostOnly()
    {
        var verifier = Verifier("msgraph");
        Assert.True(verifier.AllowsMethod("POST"));
        Assert.False(verifier.AllowsMethod("GET"));
    }

    [Fact]
    public void CreateVerifier_UnknownOption_Throws() =>
        Assert.Throws<ProviderOptionsException>(() => Verifier("msgraph", new() { ["clientState"] = "x" }));

    [Fact]
    public void ValidateSecret_LongerThanClientStateLimit_Throws()
    {
        ProviderCatalog.Default.ValidateSecret("msgraph", new string('a', 255));
        Assert.Throws<ProviderOptionsException>(() => ProviderCatalog.Default.ValidateSecret("msgraph", new string('a', 256)));
    }

    private static string ReplaceSecond(string text, string value, string replacement)
    {
        var second = text.IndexOf(value, text.IndexOf(value, StringComparison.Ordinal) + value.Length, StringComparison.Ordinal);
        Assert.True(second > 0);
        return string.Concat(text.AsSpan(0, second), replacement, text.AsSpan(second + value.Length));
    }
}
