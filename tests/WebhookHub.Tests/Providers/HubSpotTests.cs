using System.Security.Cryptography;
using System.Text;
using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

public sealed class HubSpotTests
{
    private const string V3 = "X-HubSpot-Signature-v3";
    private const string Timestamp = "X-HubSpot-Request-Timestamp";

    private static Vector Named(string name) => Vectors.Load("hubspot.json").Single(v => v.Name == name);

    private static Vector Batch => Named("v3-contact-property-change-batch");

    /// <summary>Signs a v3 request like HubSpot, independently of the verifier, over the already-decoded URI.</summary>
    private static string SignV3(string secret, string decodedUri, string body, string timestamp) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes("POST" + decodedUri + body + timestamp)));

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    public void Verify_V3OutsideDefaultTolerance_Stale(int offsetSeconds) =>
        Assert.Equal(VerificationStatus.StaleTimestamp, Verify("hubspot", Batch, now: Batch.NowTime.AddSeconds(offsetSeconds)).Status);

    [Fact]
    public void Verify_V3InsideDefaultTolerance_Verified() =>
        Assert.Equal(VerificationStatus.Verified, Verify("hubspot", Batch, now: Batch.NowTime.AddSeconds(299)).Status);

    [Fact]
    public void Verify_ToleranceOption_Widens()
    {
        var options = new Dictionary<string, string> { ["toleranceSeconds"] = "900" };
        Assert.Equal(VerificationStatus.Verified, Verify("hubspot", Batch, now: Batch.NowTime.AddSeconds(600), options: options).Status);
    }

    [Fact]
    public void Verify_TimestampIsMilliseconds_SecondsValueIsStale() =>
        Assert.Equal(VerificationStatus.StaleTimestamp,
            Verify("hubspot", Batch, h => h.With(Timestamp, Batch.Now.ToString(System.Globalization.CultureInfo.InvariantCulture))).Status);

    [Theory]
    [InlineData(Timestamp, "yesterday")]
    [InlineData(V3, "abc")]
    [InlineData("X-HubSpot-Signature-Version", "v9")]
    public void Verify_MalformedHeader_Malformed(string header, string value)
    {
        var vector = header == "X-HubSpot-Signature-Version" ? Named("docs-v1-contact-creation") : Batch;
        Assert.Equal(VerificationStatus.MalformedSignature, Verify("hubspot", vector, h => h.With(header, value)).Status);
    }

    [Fact]
    public void Verify_V3WithoutTimestamp_Missing() =>
        Assert.Equal(VerificationStatus.MissingSignature, Verify("hubspot", Batch, h => h.With(Timestamp, null)).Status);

    [Fact]
    public void Verify_NoSignatureHeaders_Missing() =>
        Assert.Equal(VerificationStatus.MissingSignature,
            Verify("hubspot", Batch, h => h.With(V3, null).With("X-HubSpot-Signature", null)).Status);

    [Fact]
    public void Verify_V3Removed_FallsBackToV1_UnlessRequireV3()
    {
        var requireV3 = new Dictionary<string, string> { [HubSpot.RequireV3Option] = "true" };

        Assert.Equal(VerificationStatus.Verified, Verify("hubspot", Batch, h => h.With(V3, null)).Status);
        Assert.Equal(VerificationStatus.MissingSignature, Verify("hubspot", Batch, h => h.With(V3, null), options: requireV3).Status);
        Assert.Equal(VerificationStatus.Verified, Verify("hubspot", Batch, options: requireV3).Status);
    }

    [Fact]
    public void Verify_V3InvalidButV1Valid_Invalid() =>
        Assert.Equal(VerificationStatus.InvalidSignature,
            Verify("hubspot", Batch, h => h.With(V3, Convert.ToBase64String(new byte[32]))).Status);

    [Fact]
    public void Verify_V2OtherUrl_Invalid() =>
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("hubspot", Named("docs-v2-post-with-body"), url: "https://www.example.com/webhook_uri2").Status);

    [Fact]
    public void Verify_V3LowercaseEscapes_StillDecoded()
    {
        var vector = Named("v3-encoded-uri-non-ascii");
        var lower = System.Text.RegularExpressions.Regex.Replace(vector.Url!, "%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)", m => m.Value.ToLowerInvariant());
        Assert.NotEqual(vector.Url, lower);
        Assert.Equal(VerificationStatus.Verified, Verify("hubspot", vector, url: lower).Status);
    }

    [Fact]
    public void Verify_V3EscapeOutsideHubSpotsTable_NotDecoded()
    {
        // %3D ('=') is not in HubSpot's table: the vector's URL keeps it encoded, so decoding it breaks the signature.
        var vector = Named("v3-encoded-uri-non-ascii");
        Assert.Contains("%3D", vector.Url!, StringComparison.Ordinal);
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("hubspot", vector, url: vector.Url!.Replace("%3D", "=", StringComparison.Ordinal)).Status);
    }

    [Fact]
    public void DecodeV3Uri_DecodesExactlyTheListedEscapes() =>
        Assert.Equal("https://h/p?a=:/?@!$'()*,;&b=%3D%25%20%3", HubSpot.DecodeV3Uri("https://h/p?a=%3A%2f%3F%40%21%24%27%28%29%2a%2C%3B&b=%3D%25%20%3"));

    [Fact]
    public void Verify_RetriedBatch_SameEventIdDespiteAttemptNumber()
    {
        var first = Verify("hubspot", Batch);
        var retryBody = Batch.Body.Replace("\"attemptNumber\":0", "\"attemptNumber\":1", StringComparison.Ordinal);
        Assert.NotEqual(Batch.Body, retryBody);
        var timestamp = new DictionaryHeaders(Batch.Headers).Get(Timestamp)!;
        var signature = SignV3(Batch.Secret, Batch.Url!, retryBody, timestamp);

        var retry = Verify("hubspot", Batch, h => h.With(V3, signature), body: retryBody);

        Assert.Equal(VerificationStatus.Verified, retry.Status);
        Assert.StartsWith("batch:", first.EventId, StringComparison.Ordinal);
        Assert.Equal(first.EventId, retry.EventId);
    }

    [Fact]
    public void Verify_SingleEvent_IdIsPortalSubscriptionAndEventId()
    {
        var result = Verify("hubspot", Named("docs-v1-contact-creation"));
        Assert.Equal("62515:12345:1", result.EventId);
        Assert.Equal("contact.creation", result.EventType);
    }

    [Fact]
    public void Verify_RotatedClientSecret_Verified()
    {
        var verifier = ProviderCatalog.Default.CreateVerifier("hubspot", new Dictionary<string, string>());
        var request = new WebhookRequest(new DictionaryHeaders(Batch.Headers), Encoding.UTF8.GetBytes(Batch.Body)) { Url = Batch.RequestUrl };
        Assert.Equal(VerificationStatus.Verified, verifier.Verify(request, ["old-client-secret", Batch.Secret], Batch.NowTime).Status);
    }

    [Theory]
    [InlineData("requireV3", "yes")]
    [InlineData("toleranceSeconds", "0")]
    [InlineData("notificationUrl", "https://x.example")]
    public void CreateVerifier_BadOption_Throws(string name, string value) =>
        Assert.Throws<ProviderOptionsException>(() => ProviderCatalog.Default.CreateVerifier("hubspot", new Dictionary<string, string> { [name] = value }));
}
