using System.Security.Cryptography;
using System.Text;
using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

public sealed class MollieTests
{
    private static Vector Paid => Vectors.Load("mollie.json")[0];

    private static Vector Rotated => Vectors.Load("mollie.json").Single(v => v.Name.Contains("rotated", StringComparison.Ordinal));

    private static string Hex(string secret, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void Verify_BareHexWithoutPrefix_Verified() =>
        Assert.Equal(VerificationStatus.Verified, Verify("mollie", Paid, h => h.With(Mollie.SignatureHeader, Hex(Paid.Secret, Paid.Body))).Status);

    [Fact]
    public void Verify_RotationFirstHeaderAlone_Invalid()
    {
        // The first of the two headers is by the previous secret; only the second matches the configured one.
        var first = new DictionaryHeaders(Rotated.Headers).Get(Mollie.SignatureHeader)!.Split(',')[0];
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("mollie", Rotated, h => h.With(Mollie.SignatureHeader, first)).Status);
    }

    [Theory]
    [InlineData("sha256=xyz")]
    [InlineData("not-a-signature, sha256=0a1b")]
    public void Verify_NoHexDigestInHeader_Malformed(string header) =>
        Assert.Equal(VerificationStatus.MalformedSignature, Verify("mollie", Paid, h => h.With(Mollie.SignatureHeader, header)).Status);

    [Fact]
    public void Verify_NoHeader_Missing() =>
        Assert.Equal(VerificationStatus.MissingSignature, Verify("mollie", Paid, h => h.With(Mollie.SignatureHeader, null)).Status);

    [Fact]
    public void Verify_ClassicUnsignedWebhook_Missing()
    {
        var headers = new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" };
        var classic = Paid with { Headers = headers, Body = "id=tr_WDqYK6vllg" };
        Assert.Equal(VerificationStatus.MissingSignature, Verify("mollie", classic).Status);
    }

    [Fact]
    public void Verify_BodyWithoutId_MissingEventId()
    {
        const string body = "{\"resource\":\"event\",\"type\":\"payment-link.paid\"}";
        var header = "sha256=" + Hex(Paid.Secret, body);
        Assert.Equal(VerificationStatus.MissingEventId, Verify("mollie", Paid, h => h.With(Mollie.SignatureHeader, header), body: body).Status);
    }
}
