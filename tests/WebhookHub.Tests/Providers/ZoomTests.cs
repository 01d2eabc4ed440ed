using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

public sealed class ZoomTests
{
    private static Vector Event => Vectors.Load("zoom.json").First(v => v.EventType == "meeting.started");

    private static Vector Validation => Vectors.Load("zoom.json").Single(v => v.EventType == Zoom.UrlValidationEvent);

    [Fact]
    public void Verify_UrlValidation_AnswersPlainAndEncryptedToken()
    {
        var result = Verify("zoom", Validation);

        Assert.Equal(VerificationStatus.Handshake, result.Status);
        Assert.Equal("application/json", result.Reply!.ContentType);
        using var reply = JsonDocument.Parse(result.Reply.Body);
        using var request = JsonDocument.Parse(Validation.Body);
        var plainToken = request.RootElement.GetProperty("payload").GetProperty("plainToken").GetString()!;
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Validation.Secret), Encoding.UTF8.GetBytes(plainToken)));
        Assert.Equal(plainToken, reply.RootElement.GetProperty("plainToken").GetString());
        Assert.Equal(expected, reply.RootElement.GetProperty("encryptedToken").GetString());
    }

    [Fact]
    public void Verify_ForgedUrlValidation_Invalid() =>
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("zoom", Validation, secret: "attacker-guess").Status);

    [Fact]
    public void Verify_UrlValidationWithRotatedSecrets_EncryptsWithTheMatchingSecret()
    {
        var result = SecretRotation.VerifyWithSecrets("zoom", Validation, "old-secret-token", Validation.Secret);

        Assert.Equal(Validation.Challenge, result.Reply!.Body);
    }

    [Fact]
    public void Verify_Event_IdIsBodyHashAndNoReply()
    {
        var result = Verify("zoom", Event);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Event.Body))), result.EventId);
        Assert.Null(result.Reply);
    }

    [Fact]
    public void Verify_SecondSecretMatches_Verified() =>
        Assert.Equal(VerificationStatus.Verified, SecretRotation.VerifyWithSecrets("zoom", Event, "old-secret-token", Event.Secret).Status);

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    public void Verify_OutsideDefaultTolerance_Stale(int offsetSeconds) =>
        Assert.Equal(VerificationStatus.StaleTimestamp, Verify("zoom", Event, now: Event.NowTime.AddSeconds(offsetSeconds)).Status);

    [Fact]
    public void Verify_ToleranceOption_Widens()
    {
        var options = new Dictionary<string, string> { ["toleranceSeconds"] = "900" };
        Assert.Equal(VerificationStatus.Verified, Verify("zoom", Event, now: Event.NowTime.AddSeconds(600), options: options).Status);
    }

    [Fact]
    public void Verify_TimestampNotSigned_Invalid()
    {
        var later = (Event.Now + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("zoom", Event, h => h.With("x-zm-request-timestamp", later)).Status);
    }

    [Theory]
    [InlineData("x-zm-signature", "v1=00")]
    [InlineData("x-zm-signature", "deadbeef")]
    [InlineData("x-zm-request-timestamp", "2025-06-03T09:00:00Z")]
    public void Verify_MalformedHeader_Malformed(string header, string value) =>
        Assert.Equal(VerificationStatus.MalformedSignature, Verify("zoom", Event, h => h.With(header, value)).Status);

    [Theory]
    [InlineData("x-zm-signature")]
    [InlineData("x-zm-request-timestamp")]
    public void Verify_MissingHeader_Missing(string header) =>
        Assert.Equal(VerificationStatus.MissingSignature, Verify("zoom", Event, h => h.With(header, null)).Status);

    [Fact]
    public void CreateVerifier_UnknownOption_Throws() =>
        Assert.Throws<ProviderOptionsException>(() => new Zoom().CreateVerifier(new Dictionary<string, string> { ["verificationToken"] = "x" }));
}
