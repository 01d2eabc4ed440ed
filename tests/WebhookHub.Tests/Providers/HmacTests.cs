using System.Security.Cryptography;
using System.Text;
using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

public sealed class HmacTests
{
    private static Vector GitHubDocs => Vectors.Load("github.json")[0];

    private static Dictionary<string, string> GitHubAsHmac(params (string Key, string Value)[] extra)
    {
        var options = new Dictionary<string, string> { ["header"] = "X-Hub-Signature-256", ["prefix"] = "sha256=" };
        foreach (var (key, value) in extra) options[key] = value;
        return options;
    }

    [Fact]
    public void Verify_GitHubPublishedVectorAsGenericHmac_VerifiedWithBodyHashId()
    {
        var result = Verify("hmac", GitHubDocs, options: GitHubAsHmac());

        Assert.True(result.IsVerified);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("Hello, World!"))), result.EventId);
        Assert.Null(result.EventType);
    }

    [Fact]
    public void Verify_IdAndTypeFromHeaders()
    {
        var result = Verify("hmac", GitHubDocs, options: GitHubAsHmac(("idHeader", "X-GitHub-Delivery"), ("typeHeader", "X-GitHub-Event")));
        Assert.Equal(GitHubDocs.EventId, result.EventId);
        Assert.Equal("ping", result.EventType);
    }

    [Fact]
    public void Verify_IdAndTypeFromJsonPointer()
    {
        var vector = Vectors.Load("github.json")[1];
        var result = Verify("hmac", vector, options: GitHubAsHmac(("idPointer", "/issue/id"), ("typePointer", "/action")));
        Assert.True(result.IsVerified);
        Assert.Equal("opened", result.EventType);
        Assert.Matches("^[0-9]+$", result.EventId);
    }

    [Fact]
    public void Verify_MissingPointerTarget_MissingEventId() =>
        Assert.Equal(VerificationStatus.MissingEventId, Verify("hmac", GitHubDocs, options: GitHubAsHmac(("idPointer", "/id"))).Status);

    [Theory]
    [InlineData("sha1", "hex")]
    [InlineData("sha256", "base64")]
    [InlineData("sha512", "hex")]
    [InlineData("sha512", "base64")]
    public void Verify_EachAlgorithmAndEncoding_RoundTrips(string algorithm, string encoding)
    {
        // Expected MACs computed with the BCL's keyed-hash classes, independent of the scheme's span-based code.
        var body = "{\"id\":\"1\"}"u8.ToArray();
        var key = "s3cret"u8.ToArray();
        byte[] mac = algorithm switch { "sha1" => HMACSHA1.HashData(key, body), "sha256" => HMACSHA256.HashData(key, body), _ => HMACSHA512.HashData(key, body) };
        var signature = encoding == "hex" ? Convert.ToHexStringLower(mac) : Convert.ToBase64String(mac);
        var vector = new Vector("x", "computed", "s3cret", "{\"id\":\"1\"}", new() { ["X-Signature"] = signature }, 0, true, "1", null);
        var options = new Dictionary<string, string> { ["header"] = "X-Signature", ["algorithm"] = algorithm, ["encoding"] = encoding, ["idPointer"] = "/id" };

        Assert.Equal(VerificationStatus.Verified, Verify("hmac", vector, options: options).Status);
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("hmac", vector, options: options, secret: "other").Status);
    }

    [Fact]
    public void Verify_WrongPrefix_Malformed() =>
        Assert.Equal(VerificationStatus.MalformedSignature, Verify("hmac", GitHubDocs, options: GitHubAsHmac(("prefix", "v1="))).Status);

    [Theory]
    [InlineData("algorithm", "md5", "Option 'algorithm' must be sha1, sha256 or sha512; got 'md5'.")]
    [InlineData("encoding", "base32", "Option 'encoding' must be hex or base64; got 'base32'.")]
    [InlineData("idPointer", "id", "A JSON Pointer option must start with '/'; got 'id'.")]
    public void CreateVerifier_InvalidOption_ThrowsWithMessage(string key, string value, string message)
    {
        var exception = Assert.Throws<ProviderOptionsException>(() => new Hmac().CreateVerifier(GitHubAsHmac((key, value))));
        Assert.Equal(message, exception.Message);
    }

    [Fact]
    public void CreateVerifier_NoHeader_Throws() =>
        Assert.Throws<ProviderOptionsException>(() => new Hmac().CreateVerifier(new Dictionary<string, string>()));
}
