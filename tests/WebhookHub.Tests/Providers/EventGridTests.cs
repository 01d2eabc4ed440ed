using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.HandshakeRequest;

namespace WebhookHub.Tests.Providers;

public sealed class EventGridTests
{
    private const string Secret = "eg-secret";

    private static Vector Validation => Vectors.Load("eventgrid.json").Single(v => v.Name == "subscription-validation");

    private static Vector Blob => Vectors.Load("eventgrid.json").Single(v => v.Name == "event-schema-blob-created");

    private static Dictionary<string, string> Origin => new() { ["WebHook-Request-Origin"] = "eventgrid.azure.net", ["WebHook-Request-Rate"] = "120" };

    [Fact]
    public void Verify_OptionsWithCodeAndOrigin_AbuseProtectionAllowed()
    {
        var result = Run("eventgrid", "OPTIONS", "?code=" + Secret, [Secret], Origin);

        Assert.Equal(VerificationStatus.Handshake, result.Status);
        Assert.Equal(200, result.Reply!.StatusCode);
        Assert.Equal("", result.Reply.Body);
        Assert.Equal("eventgrid.azure.net", result.Reply.Headers["WebHook-Allowed-Origin"]);
        Assert.Equal("*", result.Reply.Headers["WebHook-Allowed-Rate"]);
        Assert.Equal("POST", result.Reply.Headers["Allow"]);
    }

    [Fact]
    public void Verify_OptionsWithoutCode_Missing() =>
        Assert.Equal(VerificationStatus.MissingSignature, Run("eventgrid", "OPTIONS", "", [Secret], Origin).Status);

    [Fact]
    public void Verify_OptionsWithWrongCode_Invalid() =>
        Assert.Equal(VerificationStatus.InvalidSignature, Run("eventgrid", "OPTIONS", "?code=guess", [Secret], Origin).Status);

    [Fact]
    public void Verify_OptionsWithoutOrigin_Malformed() =>
        Assert.Equal(VerificationStatus.MalformedSignature, Run("eventgrid", "OPTIONS", "?code=" + Secret, [Secret]).Status);

    [Fact]
    public void Verify_ValidationEventWithoutCode_RejectedNotAnswered() =>
        Assert.Equal(VerificationStatus.MissingSignature, Run("eventgrid", "POST", "", [Validation.Secret], new(Validation.Headers), Validation.Body).Status);

    [Fact]
    public void Verify_ValidationEventWithoutValidationCode_Malformed() =>
        Assert.Equal(VerificationStatus.MalformedSignature,
            Run("eventgrid", "POST", "?code=" + Secret, [Secret], new(Validation.Headers), "[{\"id\":\"1\",\"eventType\":\"Microsoft.EventGrid.SubscriptionValidationEvent\",\"data\":{}}]").Status);

    [Fact]
    public void Verify_HeaderOption_SecretReadFromHeaderNotQuery()
    {
        var options = new Dictionary<string, string> { ["header"] = "X-Delivery-Secret" };
        var headers = new Dictionary<string, string>(Blob.Headers) { ["X-Delivery-Secret"] = Secret };

        var fromHeader = Run("eventgrid", "POST", "", [Secret], headers, Blob.Body, options);
        var fromQuery = Run("eventgrid", "POST", "?code=" + Secret, [Secret], new(Blob.Headers), Blob.Body, options);

        Assert.Equal((VerificationStatus.Verified, Blob.EventId), (fromHeader.Status, fromHeader.EventId));
        Assert.Equal(VerificationStatus.MissingSignature, fromQuery.Status);
    }

    [Fact]
    public void Verify_QueryParameterOption_ReadsThatParameter()
    {
        var options = new Dictionary<string, string> { ["queryParameter"] = "token" };
        Assert.Equal(VerificationStatus.Verified, Run("eventgrid", "POST", "?code=x&token=" + Secret, [Secret], new(Blob.Headers), Blob.Body, options).Status);
        Assert.Equal(VerificationStatus.MissingSignature, Run("eventgrid", "POST", "?code=" + Secret, [Secret], new(Blob.Headers), Blob.Body, options).Status);
    }

    [Fact]
    public void Verify_RotatedSecrets_AnyMatches() =>
        Assert.Equal(VerificationStatus.Verified, Run("eventgrid", "POST", "?code=" + Secret, ["old", Secret], new(Blob.Headers), Blob.Body).Status);

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"eventType\":\"recordInserted\"}]")]
    [InlineData("not json")]
    public void Verify_NoEventId_MissingEventId(string body) =>
        Assert.Equal(VerificationStatus.MissingEventId, Run("eventgrid", "POST", "?code=" + Secret, [Secret], body: body).Status);

    [Fact]
    public void AllowsMethod_PostAndOptionsOnly()
    {
        var verifier = Verifier("eventgrid");
        Assert.True(verifier.AllowsMethod("OPTIONS"));
        Assert.False(verifier.AllowsMethod("GET"));
    }

    [Fact]
    public void CreateVerifier_QueryParameterAndHeader_Throws() =>
        Assert.Throws<ProviderOptionsException>(() => Verifier("eventgrid", new() { ["queryParameter"] = "code", ["header"] = "X-Secret" }));

    [Fact]
    public void CreateVerifier_UnknownOption_Throws() =>
        Assert.Throws<ProviderOptionsException>(() => Verifier("eventgrid", new() { ["code"] = "x" }));
}
