using System.Security.Cryptography;
using System.Text;
using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

/// <summary>
/// The configurable schemes: <c>hmac</c> with a signed-content template (proved on Slack's and Standard Webhooks' library-made
/// vectors), <c>token</c>, <c>basic</c> and <c>postmark</c> (HTTP Basic, checked against RFC 7617's published example).
/// </summary>
public sealed class GenericSchemeTests
{
    private static readonly Dictionary<string, string> SlackAsHmac = new()
    {
        ["header"] = "X-Slack-Signature",
        ["prefix"] = "v0=",
        ["signedContent"] = "v0:{timestamp}:{body}",
        ["timestampHeader"] = "X-Slack-Request-Timestamp",
    };

    private static readonly Dictionary<string, string> StandardWebhooksAsHmac = new()
    {
        ["header"] = "webhook-signature",
        ["separator"] = " ",
        ["prefix"] = "v1,",
        ["encoding"] = "base64",
        ["secretEncoding"] = "base64",
        ["signedContent"] = "{id}.{timestamp}.{body}",
        ["idHeader"] = "webhook-id",
        ["timestampHeader"] = "webhook-timestamp",
    };

    // RFC 7617 section 2: user "Aladdin", password "open sesame".
    private const string RfcBasicSecret = "Aladdin:open sesame";
    private const string RfcBasicHeader = "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==";

    public static IEnumerable<object[]> SlackEvents => Vectors.Load("slack.json").Where(v => v.EventId is not null).Select(v => new object[] { v });

    public static IEnumerable<object[]> StandardWebhooksV1 =>
        Vectors.Load("standardwebhooks.json").Where(v => v.Headers.ContainsKey("webhook-signature")).Select(v => new object[] { v });

    [Theory]
    [MemberData(nameof(SlackEvents))]
    public void Hmac_SlackVectorsWithTemplate_Verified(Vector vector)
    {
        Assert.Equal(VerificationStatus.Verified, Verify("hmac", vector, options: SlackAsHmac).Status);
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("hmac", vector, options: SlackAsHmac, body: Tamper(vector.Body)).Status);
    }

    [Theory]
    [MemberData(nameof(StandardWebhooksV1))]
    public void Hmac_StandardWebhooksVectorsWithTemplate_VerifiedWithIdHeader(Vector vector)
    {
        var result = Verify("hmac", vector, options: StandardWebhooksAsHmac);
        Assert.Equal(VerificationStatus.Verified, result.Status);
        Assert.Equal(vector.EventId, result.EventId);
    }

    [Fact]
    public void Hmac_SecondOfSeveralSignatures_Verified()
    {
        var vector = Vectors.Load("standardwebhooks.json")[1];
        var rotated = "v1,bm90LXRoZS1zaWduYXR1cmU= " + vector.Headers["webhook-signature"];
        Assert.True(Verify("hmac", vector, h => h.With("webhook-signature", rotated), options: StandardWebhooksAsHmac).IsVerified);
    }

    [Theory]
    [InlineData(301, null, VerificationStatus.StaleTimestamp)]
    [InlineData(-301, null, VerificationStatus.StaleTimestamp)]
    [InlineData(299, null, VerificationStatus.Verified)]
    [InlineData(900, "1000", VerificationStatus.Verified)]
    public void Hmac_TimestampTolerance(int offsetSeconds, string? toleranceSeconds, VerificationStatus expected)
    {
        var vector = Vectors.Load("slack.json")[1];
        var options = new Dictionary<string, string>(SlackAsHmac);
        if (toleranceSeconds is not null) options["toleranceSeconds"] = toleranceSeconds;
        Assert.Equal(expected, Verify("hmac", vector, now: vector.NowTime.AddSeconds(offsetSeconds), options: options).Status);
    }

    [Theory]
    [InlineData("X-Slack-Request-Timestamp", "yesterday", VerificationStatus.MalformedSignature)]
    [InlineData("X-Slack-Request-Timestamp", null, VerificationStatus.MissingSignature)]
    [InlineData("X-Slack-Signature", "v1=abc", VerificationStatus.MalformedSignature)]
    [InlineData("X-Slack-Signature", null, VerificationStatus.MissingSignature)]
    public void Hmac_BadHeaders_Rejected(string header, string? value, VerificationStatus expected) =>
        Assert.Equal(expected, Verify("hmac", Vectors.Load("slack.json")[1], h => h.With(header, value), options: SlackAsHmac).Status);

    [Theory]
    [InlineData("unixms", "1700000000123", 1700000000)]
    [InlineData("rfc3339", "2023-11-14T22:13:20.123456789Z", 1700000000)]
    [InlineData("rfc3339", "2023-11-14T23:13:20+01:00", 1700000000)]
    public void Hmac_TimestampFormats_ParsedAndSigned(string format, string timestamp, long now)
    {
        // The expected MAC comes from the BCL's HMACSHA512 over the template's expansion, independent of the scheme's code.
        const string body = "{\"id\":\"evt_1\",\"type\":\"thing.happened\"}";
        var key = Convert.FromHexString("00112233445566778899aabbccddeeff");
        var mac = HMACSHA512.HashData(key, Encoding.UTF8.GetBytes($"POST|{timestamp}|{body}"));
        var vector = new Vector("computed", "HMACSHA512", "00112233445566778899aabbccddeeff", body,
            new() { ["X-Sig"] = "sha512=" + Convert.ToBase64String(mac), ["X-Time"] = timestamp }, now, true, "evt_1", "thing.happened");
        var options = new Dictionary<string, string>
        {
            ["header"] = "X-Sig", ["prefix"] = "sha512=", ["algorithm"] = "sha512", ["encoding"] = "base64", ["secretEncoding"] = "hex",
            ["signedContent"] = "{method}|{timestamp}|{body}", ["timestampHeader"] = "X-Time", ["timestampFormat"] = format,
            ["idPointer"] = "/id", ["typePointer"] = "/type",
        };

        var result = Verify("hmac", vector, options: options);

        Assert.Equal(VerificationStatus.Verified, result.Status);
        Assert.Equal(("evt_1", "thing.happened"), (result.EventId, result.EventType));
        Assert.Equal(VerificationStatus.StaleTimestamp, Verify("hmac", vector, options: options, now: vector.NowTime.AddMinutes(6)).Status);
    }

    [Theory]
    [InlineData("signedContent", "{timestamp}.{body}", "Option 'signedContent' uses {timestamp}, so option 'timestampHeader' is required.")]
    [InlineData("signedContent", "{nonce}.{body}", "Option 'signedContent' has unknown placeholder '{nonce}'. Known: {body}, {timestamp}, {id}, {method}, {url}, {header:Name}.")]
    [InlineData("signedContent", "{timestamp", "Option 'signedContent' has an unclosed '{' at position 0.")]
    [InlineData("signedContent", "v0:fixed", "Option 'signedContent' must contain {body}.")]
    [InlineData("timestampFormat", "iso", "Option 'timestampFormat' must be unix, unixms or rfc3339; got 'iso'.")]
    [InlineData("secretEncoding", "base32", "Option 'secretEncoding' must be utf8, hex or base64; got 'base32'.")]
    [InlineData("separator", ", ", "Option 'separator' must be one character; got ', '.")]
    public void Hmac_InvalidTemplateOptions_ThrowWithMessage(string key, string value, string message)
    {
        var options = new Dictionary<string, string> { ["header"] = "X-Sig", [key] = value };
        Assert.Equal(message, Assert.Throws<ProviderOptionsException>(() => ProviderCatalog.Default.CreateVerifier("hmac", options)).Message);
    }

    [Theory]
    [InlineData("Bearer s3cr3t-token", VerificationStatus.Verified)]
    [InlineData("bearer s3cr3t-token", VerificationStatus.Verified)]
    [InlineData("Bearer s3cr3t-tokeN", VerificationStatus.InvalidSignature)]
    [InlineData("Bearer s3cr3t-token ", VerificationStatus.InvalidSignature)]
    [InlineData("Token s3cr3t-token", VerificationStatus.MalformedSignature)]
    [InlineData(null, VerificationStatus.MissingSignature)]
    public void Token_AuthorizationHeaderWithPrefix(string? header, VerificationStatus expected)
    {
        var vector = BodyOnly("s3cr3t-token", header is null ? [] : new() { ["Authorization"] = header });
        Assert.Equal(expected, Verify("token", vector, options: new Dictionary<string, string> { ["prefix"] = "Bearer " }).Status);
    }

    [Fact]
    public void Token_QueryParameter_VerifiedAgainstAnySecret()
    {
        var verifier = ProviderCatalog.Default.CreateVerifier("token", new Dictionary<string, string> { ["queryParameter"] = "code", ["typePointer"] = "/type" });
        WebhookRequest Request(string query) => new(new DictionaryHeaders(new Dictionary<string, string>()), "{\"type\":\"a.b\"}"u8.ToArray())
        {
            Url = new Uri("https://hooks.example.com/api/webhooks/src_1" + query),
        };

        var result = verifier.Verify(Request("?code=second%2Bsecret"), ["first", "second+secret"], DateTimeOffset.UnixEpoch);

        Assert.Equal(("a.b", VerificationStatus.Verified), (result.EventType, result.Status));
        Assert.Equal(VerificationStatus.InvalidSignature, verifier.Verify(Request("?code=third"), ["first", "second+secret"], DateTimeOffset.UnixEpoch).Status);
        Assert.Equal(VerificationStatus.MissingSignature, verifier.Verify(Request(""), ["first"], DateTimeOffset.UnixEpoch).Status);
    }

    [Fact]
    public void Token_HeaderAndQueryParameter_Throws() =>
        Assert.Throws<ProviderOptionsException>(() => ProviderCatalog.Default.CreateVerifier("token",
            new Dictionary<string, string> { ["header"] = "X-Token", ["queryParameter"] = "code" }));

    [Theory]
    [InlineData("basic", RfcBasicHeader, VerificationStatus.Verified)]
    [InlineData("basic", "basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", VerificationStatus.Verified)]
    [InlineData("basic", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZA==", VerificationStatus.InvalidSignature)]
    [InlineData("basic", "Basic not base64!", VerificationStatus.MalformedSignature)]
    [InlineData("basic", "Bearer QWxhZGRpbjpvcGVuIHNlc2FtZQ==", VerificationStatus.MalformedSignature)]
    [InlineData("postmark", RfcBasicHeader, VerificationStatus.Verified)]
    [InlineData("postmark", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZA==", VerificationStatus.InvalidSignature)]
    public void Basic_Rfc7617Example(string provider, string header, VerificationStatus expected) =>
        Assert.Equal(expected, Verify(provider, BodyOnly(RfcBasicSecret, new() { ["Authorization"] = header })).Status);

    [Fact]
    public void Postmark_DeliveryWebhook_TypeFromRecordTypeAndBodyHashId()
    {
        // Fields from Postmark's documented delivery webhook example.
        const string body = "{\"RecordType\":\"Delivery\",\"ServerID\":23,\"MessageStream\":\"outbound\",\"MessageID\":\"00000000-0000-0000-0000-000000000000\","
            + "\"Recipient\":\"john@example.com\",\"Tag\":\"welcome-email\",\"DeliveredAt\":\"2019-11-05T16:33:54.9070259Z\",\"Details\":\"Test delivery webhook details\"}";
        var result = Verify("postmark", BodyOnly(RfcBasicSecret, new() { ["Authorization"] = RfcBasicHeader }, body));

        Assert.Equal("Delivery", result.EventType);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))), result.EventId);
        Assert.Equal(VerificationStatus.MissingSignature, Verify("postmark", BodyOnly(RfcBasicSecret, [], body)).Status);
    }

    [Theory]
    [InlineData("basic")]
    [InlineData("postmark")]
    public void Basic_SecretWithoutColon_Rejected(string provider) =>
        Assert.Throws<ProviderOptionsException>(() => ProviderCatalog.Default.ValidateSecret(provider, "just-a-password"));

    private static Vector BodyOnly(string secret, Dictionary<string, string> headers, string body = "{}") =>
        new("computed", "test", secret, body, headers, 1_700_000_000, true, null, null);
}
