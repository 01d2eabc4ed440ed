using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

/// <summary>The checks every provider's vectors go through: verified with the right ID and type; tampered body and wrong secret rejected.</summary>
public sealed class ProviderVectorTests
{
    private static readonly Dictionary<string, string[]> Files = new()
    {
        ["stripe"] = ["stripe.json", "stripe-events.json"],
        ["github"] = ["github.json", "github-examples.json"],
        ["standardwebhooks"] = ["standardwebhooks.json", "standardwebhooks-v1a.json"],
        ["discord"] = ["discord.json"],
        ["shopify"] = ["shopify.json"],
        ["slack"] = ["slack.json"],
        ["paddle"] = ["paddle.json"],
        ["linear"] = ["linear.json"],
        ["razorpay"] = ["razorpay.json"],
        ["coinbase"] = ["coinbase.json"],
        ["twilio"] = ["twilio.json"],
        ["square"] = ["square.json"],
        ["hubspot"] = ["hubspot.json"],
        ["paypal"] = ["paypal.json"],
    };

    private static readonly Dictionary<string, string> WrongSecrets = new()
    {
        ["stripe"] = "whsec_not_the_secret",
        ["github"] = "wrong",
        ["standardwebhooks"] = "whsec_" + Convert.ToBase64String(new byte[32]),
        ["discord"] = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        ["shopify"] = "not-the-client-secret",
        ["slack"] = "not-the-signing-secret",
        ["paddle"] = "pdl_ntfset_wrong",
        ["linear"] = "lin_wh_wrong",
        ["razorpay"] = "wrong-webhook-secret",
        ["coinbase"] = "wrong-shared-secret",
        ["twilio"] = "0123456789abcdef0123456789abcdef",
        ["square"] = "not-the-signature-key",
        ["hubspot"] = "00000000-0000-0000-0000-000000000000",
        ["paypal"] = "5WRONG0WEBHOOK0ID",
    };

    public static IEnumerable<object[]> All =>
        Files.SelectMany(p => p.Value.SelectMany(file => Vectors.Load(file).Select(v => new object[] { p.Key, v })));

    [Theory]
    [MemberData(nameof(All))]
    public void Verify_ProviderVector_VerifiedWithEventIdAndType(string provider, Vector vector)
    {
        var result = Verify(provider, vector);

        if (vector.EventId is null)
        {
            Assert.Equal(VerificationStatus.Handshake, result.Status);
            Assert.Equal(vector.Challenge, result.Reply!.Body);
            return;
        }

        Assert.Equal(VerificationStatus.Verified, result.Status);
        Assert.Equal(vector.EventId, result.EventId);
        Assert.Equal(vector.EventType, result.EventType);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Verify_TamperedBody_Invalid(string provider, Vector vector) =>
        Assert.Equal(VerificationStatus.InvalidSignature, Verify(provider, vector, body: Tamper(vector.Body)).Status);

    [Theory]
    [MemberData(nameof(All))]
    public void Verify_WrongSecret_Invalid(string provider, Vector vector) =>
        Assert.Equal(VerificationStatus.InvalidSignature, Verify(provider, vector, secret: WrongSecrets[provider]).Status);
}
