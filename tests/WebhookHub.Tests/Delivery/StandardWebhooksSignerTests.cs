using System.Text;
using WebhookHub.Delivery;
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
