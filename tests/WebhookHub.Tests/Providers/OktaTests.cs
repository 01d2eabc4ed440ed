using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.HandshakeRequest;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

public sealed class OktaTests
{
    private static Vector Sample => Vectors.Load("okta.json")[0];

    private static Dictionary<string, string> Verification(string? authorization, string? challenge = "Me_rShK8JHsTnbyYrWXCEoMGbM_zsZ6k0hLPZ_Pg")
    {
        var headers = new Dictionary<string, string> { ["Accept"] = "application/json" };
        if (authorization is not null) headers["Authorization"] = authorization;
        if (challenge is not null) headers["X-Okta-Verification-Challenge"] = challenge;
        return headers;
    }

    [Fact]
    public void Verify_GetWithChallengeAndSecret_VerificationJson()
    {
        var result = Run("okta", "GET", "", [Sample.Secret], Verification(Sample.Secret));

        Assert.Equal(VerificationStatus.Handshake, result.Status);
        Assert.Equal(new ProviderReply("application/json", "{\"verification\":\"Me_rShK8JHsTnbyYrWXCEoMGbM_zsZ6k0hLPZ_Pg\"}"), result.Reply);
    }

    [Fact]
    public void Verify_GetChallengeWithQuote_StillValidJson()
    {
        var result = Run("okta", "GET", "", [Sample.Secret], Verification(Sample.Secret, "a\"b\\c"));

        using var json = System.Text.Json.JsonDocument.Parse(result.Reply!.Body);
        Assert.Equal("a\"b\\c", json.RootElement.GetProperty("verification").GetString());
    }

    [Fact]
    public void Verify_GetWithoutAuthorization_Missing() =>
        Assert.Equal(VerificationStatus.MissingSignature, Run("okta", "GET", "", [Sample.Secret], Verification(null)).Status);

    [Fact]
    public void Verify_GetWithWrongAuthorization_Invalid() =>
        Assert.Equal(VerificationStatus.InvalidSignature, Run("okta", "GET", "", [Sample.Secret], Verification("Bearer " + Sample.Secret)).Status);

    [Fact]
    public void Verify_GetWithoutChallenge_Malformed() =>
        Assert.Equal(VerificationStatus.MalformedSignature, Run("okta", "GET", "", [Sample.Secret], Verification(Sample.Secret, null)).Status);

    [Fact]
    public void Verify_PostWithoutAuthorization_Missing() =>
        Assert.Equal(VerificationStatus.MissingSignature, Verify("okta", Sample, h => h.With("Authorization", null)).Status);

    [Fact]
    public void Verify_HeaderOption_SecretReadFromThatHeader()
    {
        var options = new Dictionary<string, string> { ["header"] = "X-Hook-Key" };
        var moved = Verify("okta", Sample, h => h.With("Authorization", null).With("X-Hook-Key", Sample.Secret), options: options);
        var notMoved = Verify("okta", Sample, options: options);

        Assert.Equal(VerificationStatus.Verified, moved.Status);
        Assert.Equal(VerificationStatus.MissingSignature, notMoved.Status);
    }

    [Fact]
    public void Verify_RotatedSecrets_AnyMatches() =>
        Assert.Equal(VerificationStatus.Verified, Run("okta", "POST", "", ["old-secret", Sample.Secret], new(Sample.Headers), Sample.Body).Status);

    [Fact]
    public void Verify_BodyWithoutEvents_EventIdFromDeliveryThenBodyHash()
    {
        var headers = new Dictionary<string, string> { ["Authorization"] = "s" };

        var delivery = Run("okta", "POST", "", ["s"], headers, "{\"eventType\":\"com.okta.event_hook\",\"eventId\":\"abc\",\"data\":{\"events\":[]}}");
        var opaque = Run("okta", "POST", "", ["s"], headers, "[]");

        Assert.Equal(("abc", "com.okta.event_hook"), (delivery.EventId, delivery.EventType));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("[]"u8)), opaque.EventId);
    }

    [Fact]
    public void AllowsMethod_GetAndPostOnly()
    {
        var verifier = Verifier("okta");
        Assert.True(verifier.AllowsMethod("GET"));
        Assert.False(verifier.AllowsMethod("OPTIONS"));
    }

    [Fact]
    public void CreateVerifier_UnknownOption_Throws() =>
        Assert.Throws<ProviderOptionsException>(() => Verifier("okta", new() { ["headerName"] = "X-Hook-Key" }));
}
