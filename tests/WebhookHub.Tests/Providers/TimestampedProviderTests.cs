using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

/// <summary>Tolerance and header-format rules of the timestamped schemes added with issue 3 (Paddle, Linear).</summary>
public sealed class TimestampedProviderTests
{
    [Theory]
    [InlineData("paddle", "paddle.json", 301)]
    [InlineData("paddle", "paddle.json", -301)]
    [InlineData("linear", "linear.json", 61)]
    [InlineData("linear", "linear.json", -61)]
    public void Verify_OutsideDefaultTolerance_Stale(string provider, string file, int offsetSeconds)
    {
        var vector = Vectors.Load(file)[0];
        Assert.Equal(VerificationStatus.StaleTimestamp, Verify(provider, vector, now: vector.NowTime.AddSeconds(offsetSeconds)).Status);
    }

    [Fact]
    public void Verify_LinearToleranceOption_Widens()
    {
        var vector = Vectors.Load("linear.json")[0];
        var options = new Dictionary<string, string> { ["toleranceSeconds"] = "600" };
        Assert.Equal(VerificationStatus.Verified, Verify("linear", vector, now: vector.NowTime.AddSeconds(300), options: options).Status);
    }

    [Theory]
    [InlineData("h1=abc")]
    [InlineData("ts=now;h1=abc")]
    [InlineData("ts=1700000000")]
    public void Verify_PaddleMalformedHeader_Malformed(string header)
    {
        var vector = Vectors.Load("paddle.json")[0];
        Assert.Equal(VerificationStatus.MalformedSignature, Verify("paddle", vector, h => h.With("Paddle-Signature", header)).Status);
    }

    [Fact]
    public void Verify_PaddleSecondSignatureMatches_Verified()
    {
        var vector = Vectors.Load("paddle.json")[0];
        var header = new DictionaryHeaders(vector.Headers).Get("Paddle-Signature")!;
        var rotated = header.Replace("h1=", "h1=" + new string('0', 64) + ";h1=");
        Assert.Equal(VerificationStatus.Verified, Verify("paddle", vector, h => h.With("Paddle-Signature", rotated)).Status);
    }

    [Fact]
    public void Verify_LinearBodyWithoutTimestamp_Malformed()
    {
        // The signature is over the body, so a body without webhookTimestamp needs its own valid signature: sign it here.
        var vector = Vectors.Load("linear.json")[0];
        const string body = "{\"action\":\"create\",\"type\":\"Issue\"}";
        var signature = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(vector.Secret), System.Text.Encoding.UTF8.GetBytes(body)));
        Assert.Equal(VerificationStatus.MalformedSignature, Verify("linear", vector, h => h.With("Linear-Signature", signature), body: body).Status);
    }
}
