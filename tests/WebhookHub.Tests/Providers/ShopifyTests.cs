using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

public sealed class ShopifyTests
{
    private static Vector Order => Vectors.Load("shopify.json")[0];

    [Fact]
    public void Verify_MissingWebhookId_FallsBackToEventId()
    {
        var result = Verify("shopify", Order, h => h.With("X-Shopify-Webhook-Id", null));

        Assert.True(result.IsVerified);
        Assert.Equal(new DictionaryHeaders(Order.Headers).Get("X-Shopify-Event-Id"), result.EventId);
    }

    [Fact]
    public void Verify_NoIdHeaders_MissingEventId() =>
        Assert.Equal(VerificationStatus.MissingEventId,
            Verify("shopify", Order, h => h.With("X-Shopify-Webhook-Id", null).With("X-Shopify-Event-Id", null)).Status);

    [Fact]
    public void Verify_HexInsteadOfBase64_Invalid() =>
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("shopify", Order, h => h.With("X-Shopify-Hmac-Sha256", new string('a', 64))).Status);

    [Fact]
    public void Verify_MissingSignature_Missing() =>
        Assert.Equal(VerificationStatus.MissingSignature, Verify("shopify", Order, h => h.With("X-Shopify-Hmac-Sha256", null)).Status);
}
