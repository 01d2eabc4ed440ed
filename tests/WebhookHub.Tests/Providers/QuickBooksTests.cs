using System.Security.Cryptography;
using System.Text;
using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

public sealed class QuickBooksTests
{
    private static Vector Invoice => Vectors.Load("quickbooks.json")[0];

    private static VerificationResult VerifySigned(string body) =>
        Verify("quickbooks", Invoice, h => h.With("intuit-signature",
            Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Invoice.Secret), Encoding.UTF8.GetBytes(body)))), body: body);

    [Fact]
    public void Verify_NoHeader_Missing() =>
        Assert.Equal(VerificationStatus.MissingSignature, Verify("quickbooks", Invoice, h => h.With("intuit-signature", null)).Status);

    [Fact]
    public void Verify_SignatureNotBase64_Invalid()
    {
        // intuit-signature has no structure to parse (no prefix, no parts), so an unusable value is simply not a match.
        Assert.Equal(VerificationStatus.InvalidSignature, Verify("quickbooks", Invoice, h => h.With("intuit-signature", "%%%")).Status);
    }

    [Fact]
    public void Verify_CloudEventWithoutId_MissingEventId() =>
        Assert.Equal(VerificationStatus.MissingEventId, VerifySigned("[{\"specversion\":\"1.0\",\"type\":\"qbo.invoice.created.v1\"}]").Status);

    [Fact]
    public void Verify_EmptyCloudEventsArray_MissingEventId() =>
        Assert.Equal(VerificationStatus.MissingEventId, VerifySigned("[]").Status);

    [Fact]
    public void Verify_OtherJson_BodyHashWithoutType()
    {
        const string body = "{\"hello\":\"world\"}";

        var result = VerifySigned(body);

        Assert.Equal(VerificationStatus.Verified, result.Status);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))), result.EventId);
        Assert.Null(result.EventType);
    }

    [Fact]
    public void Verify_BatchOfTwo_IdsJoinedInOrder()
    {
        var batch = Vectors.Load("quickbooks.json").Single(v => v.Name == "cloudevents-two-customers-updated");

        var result = Verify("quickbooks", batch);

        Assert.Equal(2, result.EventId!.Split(',').Length);
        Assert.Equal("qbo.customer.updated.v1", result.EventType);
    }
}
