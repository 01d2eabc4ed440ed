using System.Net;
using System.Security.Cryptography;
using System.Text;
using WebhookHub.Azure.ServiceBus;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Azure.ServiceBus;

public sealed class SharedAccessSignatureTests
{
    // Microsoft's documentation publishes no SAS example with a known key and its signature, so these vectors were made with
    // Microsoft's own Service Bus SDK for JavaScript: @azure/core-amqp 4.5.1, createSasTokenProvider({ sharedAccessKeyName,
    // sharedAccessKey }).getToken(audience), with Date.now() pinned to 1767222000000 so that its "now + 3600 s" expiry is
    // 1767225600 (2026-01-01T00:00:00Z). To reproduce: `npm install @azure/core-amqp@4.5.1`, then in an .mjs file:
    //   import { createSasTokenProvider } from "@azure/core-amqp";
    //   Date.now = () => 1767222000000;
    //   const p = createSasTokenProvider({ sharedAccessKeyName: "RootManageSharedAccessKey", sharedAccessKey: KEY });
    //   console.log((await p.getToken(AUDIENCE)).token);
    private const string VectorKeyName = "RootManageSharedAccessKey";
    private const string VectorKey = "Xk3mVq8Jd0PzR7tLw2Yc9HsNf4GbA6eUo1iKjQ5vZyE=";
    private static readonly DateTimeOffset VectorExpiry = DateTimeOffset.FromUnixTimeSeconds(1767225600);

    public static TheoryData<string, string> CoreAmqpVectors => new()
    {
        {
            "https://webhookhub-test.servicebus.windows.net/",
            "SharedAccessSignature sr=https%3A%2F%2Fwebhookhub-test.servicebus.windows.net%2F&sig=E%2FktkTpOleK6DzN%2Bk9Tmz5CQQqJ%2BTYnT4B86VaUXNY4%3D&se=1767225600&skn=RootManageSharedAccessKey"
        },
        {
            "https://webhookhub-test.servicebus.windows.net/events",
            "SharedAccessSignature sr=https%3A%2F%2Fwebhookhub-test.servicebus.windows.net%2Fevents&sig=QN5zUM4AcDwLWZt9LNeFgGy1kQmoWCedfb3rrwCRwhU%3D&se=1767225600&skn=RootManageSharedAccessKey"
        },
        {
            "http://127.0.0.1:5000/",
            "SharedAccessSignature sr=http%3A%2F%2F127.0.0.1%3A5000%2F&sig=Nlr6s85DfjJOeUQEMx6FPE450vIGDH7f%2FeupV3gGjwM%3D&se=1767225600&skn=RootManageSharedAccessKey"
        },
    };

    [Theory]
    [MemberData(nameof(CoreAmqpVectors))]
    public void Create_MicrosoftSdkVector_SameToken(string resourceUri, string expected)
    {
        Assert.Equal(expected, SharedAccessSignature.Create(resourceUri, VectorKeyName, VectorKey, VectorExpiry));
    }

    [Fact]
    public void Create_Signature_IsHmacOfEncodedResourceNewlineExpiryKeyedWithKeyText()
    {
        // The documented formula, computed here on its own: string-to-sign = url-encoded resource URI + "\n" + expiry; the key's
        // UTF-8 bytes (not its base64 decoding) key the HMAC-SHA256.
        const string resource = "https://ns.servicebus.windows.net/";
        var token = SharedAccessSignature.Create(resource, "send", "a key/with+chars=", DateTimeOffset.FromUnixTimeSeconds(1700000000));

        var expectedSig = Convert.ToBase64String(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes("a key/with+chars="),
            Encoding.UTF8.GetBytes("https%3A%2F%2Fns.servicebus.windows.net%2F\n1700000000")));
        Assert.Equal(
            $"SharedAccessSignature sr=https%3A%2F%2Fns.servicebus.windows.net%2F&sig={WebUtility.UrlEncode(expectedSig)}&se=1700000000&skn=send",
            token);
    }

    [Fact]
    public void Create_FractionalExpiry_DropsTheFraction()
    {
        var whole = SharedAccessSignature.Create("https://ns/", "k", "v", DateTimeOffset.FromUnixTimeSeconds(1700000000));
        var fraction = SharedAccessSignature.Create("https://ns/", "k", "v", DateTimeOffset.FromUnixTimeSeconds(1700000000).AddMilliseconds(999));

        Assert.Equal(whole, fraction);
        Assert.Contains("&se=1700000000&", whole);
    }

    [Fact]
    public void Create_KeyName_IsUrlEncoded()
    {
        var token = SharedAccessSignature.Create("https://ns/", "send & listen", "v", DateTimeOffset.FromUnixTimeSeconds(1700000000));

        Assert.EndsWith("&skn=send+%26+listen", token);
    }

    [Theory]
    [InlineData("", "k", "v")]
    [InlineData("https://ns/", "", "v")]
    [InlineData("https://ns/", "k", "")]
    public void Create_EmptyArgument_Throws(string resource, string keyName, string key)
    {
        Assert.Throws<ArgumentException>(() => SharedAccessSignature.Create(resource, keyName, key, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public async Task Send_ConnectionString_AuthorizationIsTokenForNamespaceUriValidForOneHour()
    {
        var time = new FakeTimeProvider(VectorExpiry - TimeSpan.FromHours(1));
        var handler = new CapturingHandler();
        var client = ServiceBusClient.FromConnectionString(
            $"Endpoint=sb://webhookhub-test.servicebus.windows.net/;SharedAccessKeyName={VectorKeyName};SharedAccessKey={VectorKey}",
            handler.Options(time));

        await client.CreateSender("events").SendAsync(new ServiceBusMessage("{}"u8.ToArray())).DefaultTimeout();

        // Same key, resource and expiry (now + 1 h = 1767225600) as the first Microsoft SDK vector above.
        Assert.Equal(CoreAmqpVectors.First()[1], handler.Single().Header("Authorization"));
    }

    [Fact]
    public async Task Send_TokenNearExpiry_RefreshedOnTheClockNotBefore()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var handler = new CapturingHandler();
        var sender = ServiceBusClient.FromConnectionString(Connection("sb://ns.servicebus.windows.net/"), handler.Options(time)).CreateSender("events");

        await sender.SendAsync(new ServiceBusMessage("1"u8.ToArray())).DefaultTimeout();
        time.Advance(TimeSpan.FromMinutes(54) + TimeSpan.FromSeconds(59)); // 5 min 1 s left: still cached
        await sender.SendAsync(new ServiceBusMessage("2"u8.ToArray())).DefaultTimeout();
        time.Advance(TimeSpan.FromSeconds(1)); // 5 min left: replaced
        await sender.SendAsync(new ServiceBusMessage("3"u8.ToArray())).DefaultTimeout();

        var tokens = handler.Requests.Select(r => r.Header("Authorization")!).ToArray();
        Assert.Equal(tokens[0], tokens[1]);
        Assert.NotEqual(tokens[1], tokens[2]);
        Assert.Contains($"&se={new DateTimeOffset(2026, 1, 1, 1, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds()}&", tokens[0]);
        Assert.Contains($"&se={new DateTimeOffset(2026, 1, 1, 1, 55, 0, TimeSpan.Zero).ToUnixTimeSeconds()}&", tokens[2]);
        Assert.Equal(SharedAccessSignature.Create("https://ns.servicebus.windows.net/", "send", "k3y", time.GetUtcNow() + TimeSpan.FromHours(1)), tokens[2]);
    }

    [Fact]
    public async Task Send_ShortLifetime_RefreshesAtHalfTheLifetime()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var handler = new CapturingHandler();
        var options = handler.Options(time);
        options.SasTokenLifetime = TimeSpan.FromMinutes(4);
        var sender = ServiceBusClient.FromConnectionString(Connection("sb://ns.servicebus.windows.net/"), options).CreateSender("events");

        await sender.SendAsync(new ServiceBusMessage("1"u8.ToArray())).DefaultTimeout();
        time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        await sender.SendAsync(new ServiceBusMessage("2"u8.ToArray())).DefaultTimeout();
        time.Advance(TimeSpan.FromSeconds(1));
        await sender.SendAsync(new ServiceBusMessage("3"u8.ToArray())).DefaultTimeout();

        var tokens = handler.Requests.Select(r => r.Header("Authorization")).ToArray();
        Assert.Equal(tokens[0], tokens[1]);
        Assert.NotEqual(tokens[1], tokens[2]);
    }

    [Fact]
    public void FromConnectionString_LifetimeUnderTwoSeconds_Throws()
    {
        var options = new ServiceBusClientOptions { SasTokenLifetime = TimeSpan.FromSeconds(1) };

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ServiceBusClient.FromConnectionString(Connection("sb://ns.servicebus.windows.net/"), options));
        Assert.Contains("at least 2 seconds; it is 1 s", e.Message);
    }

    internal static string Connection(string endpoint) => $"Endpoint={endpoint};SharedAccessKeyName=send;SharedAccessKey=k3y";
}
