using System.Globalization;
using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

public sealed class TwitchTests
{
    private static Vector Follow => Vectors.Load("twitch.json").Single(v => v.EventType == "channel.follow");

    private static Vector Challenge => Vectors.Load("twitch.json").Single(v => v.EventId is null);

    [Fact]
    public void Verify_CallbackVerification_AnswersChallengeAsText()
    {
        var result = Verify("twitch", Challenge);

        Assert.Equal(VerificationStatus.Handshake, result.Status);
        Assert.Equal(new ProviderReply("text/plain", Challenge.Challenge!), result.Reply);
    }

    [Fact]
    public void Verify_ForgedCallbackVerification_Invalid() =>
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("twitch", Challenge, secret: "attacker-guess-123").Status);

    [Fact]
    public void Verify_Notification_IdIsMessageIdHeader()
    {
        var result = Verify("twitch", Follow);

        Assert.Equal(Follow.Headers["Twitch-Eventsub-Message-Id"], result.EventId);
        Assert.Null(result.Reply);
    }

    [Fact]
    public void Verify_Revocation_StoredAsRevocation()
    {
        var vector = Vectors.Load("twitch.json").Single(v => v.Headers["Twitch-Eventsub-Message-Type"] == "revocation");

        var result = Verify("twitch", vector);

        Assert.Equal(VerificationStatus.Verified, result.Status);
        Assert.Equal("revocation", result.EventType);
        Assert.Equal(vector.Headers["Twitch-Eventsub-Message-Id"], result.EventId);
    }

    [Fact]
    public void Verify_SecondSecretMatches_Verified() =>
        Assert.Equal(VerificationStatus.Verified, SecretRotation.VerifyWithSecrets("twitch", Follow, "old-eventsub-secret", Follow.Secret).Status);

    [Theory]
    [InlineData(601)]
    [InlineData(-601)]
    public void Verify_OutsideTenMinutes_Stale(int offsetSeconds) =>
        Assert.Equal(VerificationStatus.StaleTimestamp, Verify("twitch", Follow, now: Follow.NowTime.AddSeconds(offsetSeconds)).Status);

    [Fact]
    public void Verify_InsideTenMinutes_Verified() =>
        Assert.Equal(VerificationStatus.Verified, Verify("twitch", Follow, now: Follow.NowTime.AddSeconds(599)).Status);

    [Fact]
    public void Verify_ToleranceOption_Widens()
    {
        var options = new Dictionary<string, string> { ["toleranceSeconds"] = "1800" };
        Assert.Equal(VerificationStatus.Verified, Verify("twitch", Follow, now: Follow.NowTime.AddSeconds(1200), options: options).Status);
    }

    [Fact]
    public void Verify_TimestampTextIsSigned_OtherNanosecondsInvalid()
    {
        var timestamp = Follow.Headers["Twitch-Eventsub-Message-Timestamp"];
        var other = timestamp[..^2] + (timestamp[^2] == '1' ? "2" : "1") + "Z";
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("twitch", Follow, h => h.With("Twitch-Eventsub-Message-Timestamp", other)).Status);
    }

    [Theory]
    [InlineData("Twitch-Eventsub-Message-Signature", "sha1=abcdef")]
    [InlineData("Twitch-Eventsub-Message-Timestamp", "1748974961")]
    [InlineData("Twitch-Eventsub-Message-Timestamp", "2025-06-03 18:22:41")]
    public void Verify_MalformedHeader_Malformed(string header, string value) =>
        Assert.Equal(VerificationStatus.MalformedSignature, Verify("twitch", Follow, h => h.With(header, value)).Status);

    [Theory]
    [InlineData("Twitch-Eventsub-Message-Signature")]
    [InlineData("Twitch-Eventsub-Message-Id")]
    [InlineData("Twitch-Eventsub-Message-Timestamp")]
    public void Verify_MissingHeader_Missing(string header) =>
        Assert.Equal(VerificationStatus.MissingSignature, Verify("twitch", Follow, h => h.With(header, null)).Status);

    [Theory]
    [InlineData("2025-06-03T18:22:41.123456789Z", "2025-06-03T18:22:41.1234567+00:00")]
    [InlineData("2025-06-03T18:22:41Z", "2025-06-03T18:22:41+00:00")]
    [InlineData("2025-06-03T20:22:41.5+02:00", "2025-06-03T18:22:41.5+00:00")]
    public void TryParseTimestamp_Rfc3339_KeepsSevenDigits(string text, string expected)
    {
        Assert.True(Timestamps.TryParseRfc3339(text, out var parsed));
        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), parsed);
    }

    [Theory]
    [InlineData("2025-06-03T18:22:41")]
    [InlineData("yesterday")]
    [InlineData("")]
    public void TryParseTimestamp_NotRfc3339_False(string text) => Assert.False(Timestamps.TryParseRfc3339(text, out _));

    [Theory]
    [InlineData("short")]
    [InlineData("geheimnis-größer")]
    public void ValidateSecret_NotTenToHundredAscii_Throws(string secret) =>
        Assert.Throws<ProviderOptionsException>(() => ProviderCatalog.Default.ValidateSecret("twitch", secret));

    [Fact]
    public void ValidateSecret_VectorSecret_Accepted() => ProviderCatalog.Default.ValidateSecret("twitch", Follow.Secret);

    [Fact]
    public void CreateVerifier_UnknownOption_Throws() =>
        Assert.Throws<ProviderOptionsException>(() => new Twitch().CreateVerifier(new Dictionary<string, string> { ["clientId"] = "x" }));
}
