using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

public sealed class CalendlyTests
{
    private static Vector Created => Vectors.Load("calendly.json").Single(v => v.EventType == "invitee.created");

    private static string Header(Vector vector) => new DictionaryHeaders(vector.Headers).Get(Calendly.SignatureHeader)!;

    private static string Sign(string secret, long t, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}")));

    [Theory]
    [InlineData(181)]
    [InlineData(-181)]
    public void Verify_OutsideDefaultTolerance_Stale(int offsetSeconds) =>
        Assert.Equal(VerificationStatus.StaleTimestamp, Verify("calendly", Created, now: Created.NowTime.AddSeconds(offsetSeconds)).Status);

    [Fact]
    public void Verify_AtDefaultToleranceEdge_Verified() =>
        Assert.Equal(VerificationStatus.Verified, Verify("calendly", Created, now: Created.NowTime.AddSeconds(180)).Status);

    [Fact]
    public void Verify_ToleranceOption_Widens()
    {
        var options = new Dictionary<string, string> { ["toleranceSeconds"] = "600" };
        Assert.Equal(VerificationStatus.Verified, Verify("calendly", Created, now: Created.NowTime.AddSeconds(300), options: options).Status);
    }

    [Theory]
    [InlineData("v1=abcd")]
    [InlineData("t=yesterday,v1=abcd")]
    [InlineData("t=1749283092")]
    public void Verify_MalformedHeader_Malformed(string header) =>
        Assert.Equal(VerificationStatus.MalformedSignature, Verify("calendly", Created, h => h.With(Calendly.SignatureHeader, header)).Status);

    [Fact]
    public void Verify_NoHeader_Missing() =>
        Assert.Equal(VerificationStatus.MissingSignature, Verify("calendly", Created, h => h.With(Calendly.SignatureHeader, null)).Status);

    [Fact]
    public void Verify_SecondV1Matches_Verified()
    {
        var header = Header(Created).Replace("v1=", "v1=" + new string('0', 64) + ",v1=", StringComparison.Ordinal);
        Assert.Equal(VerificationStatus.Verified, Verify("calendly", Created, h => h.With(Calendly.SignatureHeader, header)).Status);
    }

    [Fact]
    public void Verify_TimestampChangedWithinTolerance_Invalid()
    {
        // t is signed: moving it by one second keeps it fresh but breaks the signature.
        var later = Header(Created).Replace($"t={Created.Now}", $"t={Created.Now + 1}", StringComparison.Ordinal);
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("calendly", Created, h => h.With(Calendly.SignatureHeader, later)).Status);
    }

    [Fact]
    public void Verify_CreatedAndCanceledOfOneInvitee_DifferentEventIds()
    {
        var results = Vectors.Load("calendly.json").Where(v => v.EventType!.StartsWith("invitee.", StringComparison.Ordinal))
            .Select(v => Verify("calendly", v)).ToList();

        Assert.Equal(2, results.Count);
        Assert.NotEqual(results[0].EventId, results[1].EventId);
    }

    [Fact]
    public void Verify_BodyWithoutPayloadUri_BodyHashEventId()
    {
        const string body = "{\"event\":\"invitee.created\",\"payload\":{}}";
        var t = Created.Now;
        var header = $"t={t.ToString(CultureInfo.InvariantCulture)},v1={Sign(Created.Secret, t, body)}";

        var result = Verify("calendly", Created, h => h.With(Calendly.SignatureHeader, header), body: body);

        Assert.Equal(VerificationStatus.Verified, result.Status);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))), result.EventId);
        Assert.Equal("invitee.created", result.EventType);
    }

    [Fact]
    public void CreateVerifier_UnknownOption_Throws() =>
        Assert.Throws<ProviderOptionsException>(() => ProviderCatalog.Default.CreateVerifier("calendly", new Dictionary<string, string> { ["signingKey"] = "x" }));
}
