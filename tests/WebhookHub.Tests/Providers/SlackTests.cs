using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

public sealed class SlackTests
{
    private static Vector EventCallback => Vectors.Load("slack.json").First(v => v.EventId is not null && v.Body.StartsWith('{'));

    [Fact]
    public void Verify_PublishedSlashCommandVector_VerifiedWithTriggerId()
    {
        var vector = Vectors.Load("slack.json").Single(v => v.Source.StartsWith("published", StringComparison.Ordinal));

        var result = Verify("slack", vector);

        Assert.Equal(VerificationStatus.Verified, result.Status);
        Assert.Equal("slash_command", result.EventType);
        Assert.Equal(vector.EventId, result.EventId);
    }

    [Fact]
    public void Verify_UrlVerification_HandshakeWithChallenge()
    {
        var vector = Vectors.Load("slack.json").Single(v => v.EventType == "url_verification");

        var result = Verify("slack", vector);

        Assert.Equal(VerificationStatus.Handshake, result.Status);
        Assert.Equal(new ProviderReply("text/plain", vector.Challenge!), result.Reply);
    }

    [Fact]
    public void Verify_ForgedUrlVerification_Invalid()
    {
        var vector = Vectors.Load("slack.json").Single(v => v.EventType == "url_verification");
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("slack", vector, secret: "attacker-guess").Status);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    public void Verify_OutsideTolerance_Stale(int offsetSeconds) =>
        Assert.Equal(VerificationStatus.StaleTimestamp, Verify("slack", EventCallback, now: EventCallback.NowTime.AddSeconds(offsetSeconds)).Status);

    [Theory]
    [InlineData("X-Slack-Signature", "v1=abc")]
    [InlineData("X-Slack-Request-Timestamp", "yesterday")]
    public void Verify_MalformedHeader_Malformed(string header, string value) =>
        Assert.Equal(VerificationStatus.MalformedSignature, Verify("slack", EventCallback, h => h.With(header, value)).Status);

    [Fact]
    public void Verify_MissingTimestamp_Missing() =>
        Assert.Equal(VerificationStatus.MissingSignature, Verify("slack", EventCallback, h => h.With("X-Slack-Request-Timestamp", null)).Status);
}
