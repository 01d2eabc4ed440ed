using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

public sealed class DiscordTests
{
    private static Vector Command => Vectors.Load("discord.json").Single(v => v.EventType == "application_command");

    [Fact]
    public void Verify_Ping_HandshakePong()
    {
        var ping = Vectors.Load("discord.json").Single(v => v.EventType == "ping");

        var result = Verify("discord", ping);

        Assert.Equal(VerificationStatus.Handshake, result.Status);
        Assert.Equal(new ProviderReply("application/json", "{\"type\":1}"), result.Reply);
    }

    [Fact]
    public void Verify_ApplicationCommand_DeferredAcknowledgement() =>
        Assert.Equal(new ProviderReply("application/json", "{\"type\":5}"), Verify("discord", Command).Reply);

    [Fact]
    public void Verify_TimestampNotSigned_Invalid()
    {
        var later = (Command.Now + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("discord", Command, h => h.With("X-Signature-Timestamp", later)).Status);
    }

    [Theory]
    [InlineData("abcd")]
    [InlineData("zz")]
    public void Verify_MalformedSignature_Malformed(string signature) =>
        Assert.Equal(VerificationStatus.MalformedSignature, Verify("discord", Command, h => h.With("X-Signature-Ed25519", signature)).Status);

    [Fact]
    public void Verify_NonHexSignatureOfRightLength_Malformed() =>
        Assert.Equal(VerificationStatus.MalformedSignature,
            Verify("discord", Command, h => h.With("X-Signature-Ed25519", new string('z', 128))).Status);

    [Fact]
    public void ValidateSecret_NotAHexKey_Throws() =>
        Assert.Throws<ProviderOptionsException>(() => Discord.ValidateSecret("not-a-key"));
}
