using System.Security.Cryptography;
using System.Text;
using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

public sealed class GitLabTests
{
    private const string Token = "glpat-style-secret-token-7f3c";
    private const string PushBody = "{\"object_kind\":\"push\",\"event_name\":\"push\",\"ref\":\"refs/heads/main\"}";

    private static Vector Signed => Vectors.Load("gitlab.json")[0];

    private static Vector WithTokenToo => Vectors.Load("gitlab.json").Single(v => v.Headers.ContainsKey("X-Gitlab-Token"));

    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_749_731_012);

    /// <summary>A secret-token delivery: no signing token configured, so GitLab sends X-Gitlab-Token and no webhook-signature.</summary>
    private static VerificationResult VerifyTokenRequest(Dictionary<string, string> headers, string body = PushBody, params string[] secrets)
    {
        var verifier = ProviderCatalog.Default.CreateVerifier("gitlab", new Dictionary<string, string>());
        var request = new WebhookRequest(new DictionaryHeaders(headers), Encoding.UTF8.GetBytes(body));
        return verifier.Verify(request, secrets.Length == 0 ? [Token] : secrets, Now);
    }

    private static Dictionary<string, string> TokenHeaders(params (string Name, string Value)[] extra)
    {
        var headers = new Dictionary<string, string> { ["Content-Type"] = "application/json", ["X-Gitlab-Event"] = "Push Hook", [GitLab.TokenHeader] = Token };
        foreach (var (name, value) in extra) headers[name] = value;
        return headers;
    }

    [Fact]
    public void Verify_SecretToken_VerifiedWithIdempotencyKeyAndObjectKind()
    {
        var result = VerifyTokenRequest(TokenHeaders(("Idempotency-Key", "4b1c6d0e-0d7e-4f3a-9a51-0c5e2b7d9f10"), ("X-Gitlab-Event-UUID", "other")));

        Assert.Equal(VerificationStatus.Verified, result.Status);
        Assert.Equal("4b1c6d0e-0d7e-4f3a-9a51-0c5e2b7d9f10", result.EventId);
        Assert.Equal("push", result.EventType);
    }

    [Fact]
    public void Verify_SecretTokenWithoutIdempotencyKey_EventUuid() =>
        Assert.Equal("9c1e", VerifyTokenRequest(TokenHeaders(("X-Gitlab-Event-UUID", "9c1e"))).EventId);

    [Fact]
    public void Verify_SecretTokenWithoutIdHeaders_BodyHash() =>
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(PushBody))), VerifyTokenRequest(TokenHeaders()).EventId);

    [Fact]
    public void Verify_SystemHookWithoutObjectKind_EventName() =>
        Assert.Equal("project_create", VerifyTokenRequest(TokenHeaders(), "{\"event_name\":\"project_create\",\"name\":\"ingest\"}").EventType);

    [Fact]
    public void Verify_BodyWithoutKind_EventHeader() =>
        Assert.Equal("Push Hook", VerifyTokenRequest(TokenHeaders(), "[]").EventType);

    [Fact]
    public void Verify_WrongToken_Invalid() =>
        Assert.Equal(VerificationStatus.InvalidSignature, VerifyTokenRequest(TokenHeaders((GitLab.TokenHeader, Token + "x"))).Status);

    [Fact]
    public void Verify_TokenMatchesSecondSecret_Verified() =>
        Assert.Equal(VerificationStatus.Verified, VerifyTokenRequest(TokenHeaders(), PushBody, "retired-token", Token).Status);

    [Fact]
    public void Verify_NoTokenNorSignature_Missing()
    {
        var headers = TokenHeaders();
        headers.Remove(GitLab.TokenHeader);
        Assert.Equal(VerificationStatus.MissingSignature, VerifyTokenRequest(headers).Status);
    }

    [Fact]
    public void Verify_SignedWithBadSignature_InvalidEvenIfTokenMatches()
    {
        // With webhook-signature present only the signature counts; a matching X-Gitlab-Token must not rescue it.
        var vector = WithTokenToo;
        var token = vector.Headers[GitLab.TokenHeader];
        var verifier = ProviderCatalog.Default.CreateVerifier("gitlab", new Dictionary<string, string>());
        var headers = new DictionaryHeaders(vector.Headers).With("webhook-signature", "v1," + Convert.ToBase64String(new byte[32]));
        var request = new WebhookRequest(headers, Encoding.UTF8.GetBytes(vector.Body));

        Assert.Equal(VerificationStatus.InvalidSignature, verifier.Verify(request, [vector.Secret, token], vector.NowTime).Status);
        Assert.Equal(VerificationStatus.Verified, verifier.Verify(request with { Headers = headers.With("webhook-signature", null) }, [token], vector.NowTime).Status);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    public void Verify_SignedOutsideDefaultTolerance_Stale(int offsetSeconds) =>
        Assert.Equal(VerificationStatus.StaleTimestamp, Verify("gitlab", Signed, now: Signed.NowTime.AddSeconds(offsetSeconds)).Status);

    [Fact]
    public void Verify_ToleranceOption_Widens()
    {
        var options = new Dictionary<string, string> { ["toleranceSeconds"] = "900" };
        Assert.Equal(VerificationStatus.Verified, Verify("gitlab", Signed, now: Signed.NowTime.AddSeconds(600), options: options).Status);
    }

    [Fact]
    public void Verify_SignedNonNumericTimestamp_Malformed() =>
        Assert.Equal(VerificationStatus.MalformedSignature, Verify("gitlab", Signed, h => h.With("webhook-timestamp", "2025-06-12T12:23:32Z")).Status);

    [Fact]
    public void Verify_SignedWithoutWebhookId_Missing() =>
        Assert.Equal(VerificationStatus.MissingSignature, Verify("gitlab", Signed, h => h.With("webhook-id", null)).Status);

    [Fact]
    public void Verify_SecondV1Entry_Verified()
    {
        var signature = "v1," + Convert.ToBase64String(new byte[32]) + " " + Signed.Headers["webhook-signature"];
        Assert.Equal(VerificationStatus.Verified, Verify("gitlab", Signed, h => h.With("webhook-signature", signature)).Status);
    }

    [Fact]
    public void ValidateSecret_ShortSigningToken_Throws() =>
        Assert.Throws<ProviderOptionsException>(() => ProviderCatalog.Default.ValidateSecret("gitlab", "whsec_" + Convert.ToBase64String(new byte[16])));

    [Fact]
    public void ValidateSecret_PlainTokenAndSigningToken_Accepted()
    {
        GitLab.ValidateSecret(Token);
        GitLab.ValidateSecret(Signed.Secret);
    }

    [Fact]
    public void CreateVerifier_UnknownOption_Throws() =>
        Assert.Throws<ProviderOptionsException>(() => ProviderCatalog.Default.CreateVerifier("gitlab", new Dictionary<string, string> { ["token"] = "x" }));
}
