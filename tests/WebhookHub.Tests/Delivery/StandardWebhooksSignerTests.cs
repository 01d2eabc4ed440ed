using System.Text;
using WebhookHub.Delivery;
using WebhookHub.Providers;
using WebhookHub.Tenancy;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Delivery;

public sealed class StandardWebhooksSignerTests
{
    [Theory]
    [MemberData(nameof(StandardWebhooksVectors))]
    public void Sign_ReproducesLibrarySignature(Vector vector)
    {
        var headers = new DictionaryHeaders(vector.Headers);
        var id = headers.Get("webhook-id") ?? headers.Get("svix-id")!;
        var timestamp = long.Parse(headers.Get("webhook-timestamp") ?? headers.Get("svix-timestamp")!);
        var expected = (headers.Get("webhook-signature") ?? headers.Get("svix-signature")!).Split(' ');

        var signature = StandardWebhooksSigner.Sign(vector.Secret, id, timestamp, Encoding.UTF8.GetBytes(vector.Body));

        Assert.Contains(signature, expected);
    }

    public static IEnumerable<object[]> StandardWebhooksVectors => Vectors.Rows("standardwebhooks.json");

    [Fact]
    public void Sign_PublishedVector_Exact() =>
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
            StandardWebhooksSigner.Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"u8));

    [Fact]
    public void Sign_SecretNotBase64_Throws() =>
        Assert.Throws<ArgumentException>(() => StandardWebhooksSigner.Sign("whsec_***", "id", 1, "x"u8));
}

/// <summary>Ed25519 signing (RFC 8032 vectors), <c>v1a</c> signatures checked by WebhookHub's own Standard Webhooks verifier, and the
/// <c>webhook-signature</c> header for each scheme and during a rotation's overlap.</summary>
public sealed class StandardWebhooksSignatureHeaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = "{\"type\":\"invoice.paid\",\"n\":1}"u8.ToArray();

    // RFC 8032 §7.1, TEST 1 (empty message) and TEST 2 (one byte, 0x72).
    [Theory]
    [InlineData("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")]
    [InlineData("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb", "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")]
    public void Ed25519_Rfc8032Vectors_PublicKeyAndSignatureExact(string secretKey, string publicKey, string message, string signature)
    {
        var secret = Convert.FromHexString(secretKey);

        Assert.Equal(publicKey, Convert.ToHexStringLower(WebhookHub.Providers.Ed25519.PublicKeyOf(secret)));
        Assert.Equal(signature, Convert.ToHexStringLower(WebhookHub.Providers.Ed25519.Sign(secret, Convert.FromHexString(publicKey), Convert.FromHexString(message))));
    }

    [Fact]
    public void SignEd25519_Rfc8032Key_IsSignatureOfIdTimestampBody()
    {
        var secret = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        var publicKey = WebhookHub.Providers.Ed25519.PublicKeyOf(secret);

        var header = StandardWebhooksSigner.SignEd25519("whsk_" + Convert.ToBase64String(secret), "whpk_" + Convert.ToBase64String(publicKey), "msg_1", 1751371200, Body);

        Assert.StartsWith("v1a,", header);
        var content = Encoding.UTF8.GetBytes("msg_1.1751371200.").Concat(Body).ToArray();
        Assert.True(WebhookHub.Providers.Ed25519.Verify(publicKey, content, Convert.FromBase64String(header[4..])));
    }

    [Fact]
    public void CreateEd25519Key_PrefixedBase64Of32Bytes_PublicKeyMatches()
    {
        var (secretKey, publicKey) = StandardWebhooksSigner.CreateEd25519Key();

        Assert.StartsWith("whsk_", secretKey);
        Assert.StartsWith("whpk_", publicKey);
        var seed = Convert.FromBase64String(secretKey[5..]);
        Assert.Equal(32, seed.Length);
        Assert.Equal(Convert.FromBase64String(publicKey[5..]), WebhookHub.Providers.Ed25519.PublicKeyOf(seed));
        Assert.NotEqual(secretKey, StandardWebhooksSigner.CreateEd25519Key().SecretKey);
    }

    [Fact]
    public void SignEd25519_MalformedKey_Throws()
    {
        var (secretKey, publicKey) = StandardWebhooksSigner.CreateEd25519Key();
        Assert.Throws<ArgumentException>(() => StandardWebhooksSigner.SignEd25519(publicKey, publicKey, "id", 1, Body));
        Assert.Throws<ArgumentException>(() => StandardWebhooksSigner.SignEd25519(secretKey, "whpk_" + Convert.ToBase64String(new byte[16]), "id", 1, Body));
    }

    [Fact]
    public void SignatureHeader_DefaultScheme_OneV1Signature()
    {
        var subscription = Subscription();

        var header = StandardWebhooksSigner.SignatureHeader(subscription, "msg_1", 1000, Body, Now);

        Assert.Equal(StandardWebhooksSigner.Sign(subscription.Secret, "msg_1", 1000, Body), header);
        Assert.Equal(VerificationStatus.Verified, Verify(header, subscription.Secret));
    }

    [Fact]
    public void SignatureHeader_RetiringSecretInOverlap_BothV1SignaturesNewestFirst_ThenOnlyNew()
    {
        var old = ApiKeys.CreateSigningSecret();
        var subscription = Subscription(old) with { Secret = ApiKeys.CreateSigningSecret() };
        subscription = subscription with
        {
            SigningKeys = subscription.SigningKeys with { PreviousSecrets = [new RetiringSecret(old, Now.AddHours(24))] },
        };

        var during = StandardWebhooksSigner.SignatureHeader(subscription, "msg_1", 1000, Body, Now.AddHours(23));
        var after = StandardWebhooksSigner.SignatureHeader(subscription, "msg_1", 1000, Body, Now.AddHours(24));

        Assert.Equal(
            StandardWebhooksSigner.Sign(subscription.Secret, "msg_1", 1000, Body) + " " + StandardWebhooksSigner.Sign(old, "msg_1", 1000, Body),
            during);
        Assert.Equal(VerificationStatus.Verified, Verify(during, old));
        Assert.Equal(VerificationStatus.Verified, Verify(during, subscription.Secret));
        Assert.Equal(StandardWebhooksSigner.Sign(subscription.Secret, "msg_1", 1000, Body), after);
        Assert.Equal(VerificationStatus.InvalidSignature, Verify(after, old));
    }

    [Fact]
    public void SignatureHeader_V1a_OnlyEd25519_VerifiedByPublicKeyNotBySecret()
    {
        var subscription = Subscription(scheme: "v1a");

        var header = StandardWebhooksSigner.SignatureHeader(subscription, "msg_1", 1000, Body, Now);

        Assert.StartsWith("v1a,", header);
        Assert.DoesNotContain(' ', header);
        Assert.Equal(VerificationStatus.Verified, Verify(header, subscription.SigningKeys.Ed25519PublicKey!));
        Assert.Equal(VerificationStatus.InvalidSignature, Verify(header, subscription.Secret));
    }

    [Fact]
    public void SignatureHeader_Both_V1ThenV1a_EachVerifies()
    {
        var subscription = Subscription(scheme: "both");

        var entries = StandardWebhooksSigner.SignatureHeader(subscription, "msg_1", 1000, Body, Now).Split(' ');

        Assert.Equal(2, entries.Length);
        Assert.StartsWith("v1,", entries[0]);
        Assert.StartsWith("v1a,", entries[1]);
        Assert.Equal(VerificationStatus.Verified, Verify(string.Join(' ', entries), subscription.SigningKeys.Ed25519PublicKey!));
        Assert.Equal(VerificationStatus.Verified, Verify(string.Join(' ', entries), subscription.Secret));
    }

    [Fact]
    public void SignatureHeader_V1aWithoutKeyPair_FallsBackToV1()
    {
        var subscription = Subscription(scheme: "v1a") with { SigningKeys = new SubscriptionSigningKeys() };

        var header = StandardWebhooksSigner.SignatureHeader(subscription, "msg_1", 1000, Body, Now);

        Assert.Equal(StandardWebhooksSigner.Sign(subscription.Secret, "msg_1", 1000, Body), header);
    }

    private static Subscription Subscription(string? secret = null, string? scheme = null)
    {
        var (secretKey, publicKey) = StandardWebhooksSigner.CreateEd25519Key();
        return new Subscription("sub_1", "ten_1", "https://example.com/hook", ["*"], [], secret ?? ApiKeys.CreateSigningSecret(), true, Now)
        {
            Settings = new SubscriptionSettings { SignatureScheme = scheme },
            SigningKeys = new SubscriptionSigningKeys { Ed25519SecretKey = secretKey, Ed25519PublicKey = publicKey },
        };
    }

    /// <summary>Checks a header with WebhookHub's own Standard Webhooks verifier, as a receiver holding <paramref name="secret"/> would.</summary>
    private static VerificationStatus Verify(string signature, string secret)
    {
        var headers = new DictionaryHeaders(new Dictionary<string, string>
        {
            ["webhook-id"] = "msg_1", ["webhook-timestamp"] = "1000", ["webhook-signature"] = signature,
        });
        var verifier = ProviderCatalog.Default.CreateVerifier("standardwebhooks", new Dictionary<string, string>());
        return verifier.Verify(new WebhookRequest(headers, Body), [secret], DateTimeOffset.FromUnixTimeSeconds(1000)).Status;
    }
}
