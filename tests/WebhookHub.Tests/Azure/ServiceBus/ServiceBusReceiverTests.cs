using System.Net;
using System.Text;
using WebhookHub.Azure.ServiceBus;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Azure.ServiceBus;

// Shapes from https://learn.microsoft.com/rest/api/servicebus/peek-lock-message-non-destructive-read (its example request and
// response are replayed below), delete-message, unlock-message and renew-lock-for-a-message.
public sealed class ServiceBusReceiverTests
{
    private const string DocumentedLocation = "https://your-namespace.servicebus.windows.net/httpclientsamplequeue/messages/2/7da9cfd5-40d5-4bb1-8d64-ec5a52e1c547";

    [Fact]
    public async Task ReceiveAsync_DocumentedPeekLockExchange_RequestAndParsedMessage()
    {
        var handler = new CapturingHandler().Then(_ => DocumentedResponse());
        var receiver = Client(handler, "your-namespace.servicebus.windows.net").CreateReceiver("HttpClientSampleQueue");

        var message = await receiver.ReceiveAsync(TimeSpan.FromSeconds(60)).DefaultTimeout();

        var request = handler.Single();
        Assert.Equal("POST", request.Method);
        Assert.Equal("https://your-namespace.servicebus.windows.net/HttpClientSampleQueue/messages/head?timeout=60", request.Uri.AbsoluteUri);
        Assert.Equal(0, request.ContentLength);
        Assert.StartsWith("SharedAccessSignature sr=https%3A%2F%2Fyour-namespace.servicebus.windows.net%2F&sig=", request.Header("Authorization"));

        Assert.NotNull(message);
        Assert.Equal("This is a message.", Encoding.UTF8.GetString(message.Body.Span));
        Assert.Equal(1, message.DeliveryCount);
        Assert.Equal(new DateTimeOffset(2014, 7, 2, 1, 32, 27, TimeSpan.Zero), message.EnqueuedTime);
        Assert.Equal("M1", message.Subject);
        Assert.Equal("7da9cfd5-40d5-4bb1-8d64-ec5a52e1c547", message.LockToken);
        Assert.Equal(new DateTimeOffset(2014, 7, 2, 1, 33, 27, TimeSpan.Zero), message.LockedUntil);
        Assert.Equal("31907572164743c38741631acd554d6f", message.MessageId);
        Assert.Equal(2, message.SequenceNumber);
        Assert.Equal(TimeSpan.FromSeconds(10), message.TimeToLive);
        Assert.Equal("application/atom+xml;type=entry;charset=utf-8", message.ContentType);
        Assert.Equal(new Uri(DocumentedLocation), message.Location);
        Assert.Equal(
            new Dictionary<string, string> { ["Priority"] = "High", ["Customer"] = "12345,ABC" },
            message.ApplicationProperties.OrderBy(p => p.Key).ToDictionary());
        Assert.Equal("High", message.ApplicationProperties["priority"]);
    }

    [Fact]
    public async Task ReceiveAsync_204_Null()
    {
        var handler = new CapturingHandler().Then(HttpStatusCode.NoContent);
        var receiver = Client(handler).CreateReceiver("deliveries");

        Assert.Null(await receiver.ReceiveAsync(TimeSpan.FromSeconds(5)).DefaultTimeout());
    }

    [Fact]
    public async Task ReceiveAsync_Subscription_SubscriptionUrlAndTimeoutRoundedUpToSeconds()
    {
        var handler = new CapturingHandler().Then(HttpStatusCode.NoContent);
        var receiver = Client(handler).CreateReceiver("events", "dispatch");

        await receiver.ReceiveAsync(TimeSpan.FromMilliseconds(4200)).DefaultTimeout();

        Assert.Equal("events/subscriptions/dispatch", receiver.EntityPath);
        Assert.Equal("https://ns.servicebus.windows.net/events/subscriptions/dispatch/messages/head?timeout=5", handler.Single().Uri.AbsoluteUri);
    }

    [Fact]
    public async Task ReceiveAsync_NegativeTimeout_Throws()
    {
        var receiver = Client(new CapturingHandler()).CreateReceiver("deliveries");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => receiver.ReceiveAsync(TimeSpan.FromSeconds(-1))).DefaultTimeout();
    }

    [Theory]
    [InlineData("complete", "DELETE")]
    [InlineData("abandon", "PUT")]
    [InlineData("renew", "POST")]
    public async Task Settle_SendsMethodToLocationWithAuthorization(string operation, string method)
    {
        var handler = new CapturingHandler().Then(_ => DocumentedResponse()).Then(HttpStatusCode.OK);
        var receiver = Client(handler, "your-namespace.servicebus.windows.net").CreateReceiver("HttpClientSampleQueue");
        var message = (await receiver.ReceiveAsync(TimeSpan.FromSeconds(60)).DefaultTimeout())!;

        await Settle(receiver, operation, message).DefaultTimeout();

        var settle = handler.Requests[1];
        Assert.Equal(method, settle.Method);
        Assert.Equal(DocumentedLocation, settle.Uri.AbsoluteUri);
        Assert.StartsWith("SharedAccessSignature sr=", settle.Header("Authorization"));
        if (method != "DELETE") Assert.Equal(0, settle.ContentLength);
    }

    [Theory]
    [InlineData("complete")]
    [InlineData("abandon")]
    [InlineData("renew")]
    public async Task Settle_LockLost404_RequestExceptionWithStatusAndEntity(string operation)
    {
        var handler = new CapturingHandler().Then(_ => DocumentedResponse())
            .Then(HttpStatusCode.NotFound, "<Error><Code>404</Code><Detail>The lock supplied is invalid. TrackingId:abc</Detail></Error>");
        var receiver = Client(handler, "your-namespace.servicebus.windows.net").CreateReceiver("HttpClientSampleQueue");
        var message = (await receiver.ReceiveAsync(TimeSpan.FromSeconds(60)).DefaultTimeout())!;

        var e = await Assert.ThrowsAsync<ServiceBusRequestException>(() => Settle(receiver, operation, message)).DefaultTimeout();

        Assert.Equal(404, e.Status);
        Assert.Equal("HttpClientSampleQueue", e.EntityPath);
        Assert.Contains("The lock supplied is invalid. TrackingId:abc", e.Message);
        Assert.Equal(2, handler.Requests.Count); // 404 is not retried
    }

    [Fact]
    public async Task ReceiveAsync_LocationOnAnotherHost_RejectedSoTheCredentialNeverGoesThere()
    {
        var handler = new CapturingHandler().Then(_ =>
        {
            var response = DocumentedResponse();
            response.Headers.Location = new Uri("https://attacker.example/httpclientsamplequeue/messages/2/7da9cfd5");
            return response;
        });
        var receiver = Client(handler, "your-namespace.servicebus.windows.net").CreateReceiver("HttpClientSampleQueue");

        var e = await Assert.ThrowsAsync<ServiceBusRequestException>(() => receiver.ReceiveAsync(TimeSpan.FromSeconds(1))).DefaultTimeout();

        Assert.Contains("no Location header on the namespace", e.Message);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Settle_MessageOfAnotherNamespace_ThrowsWithoutARequest()
    {
        var source = new CapturingHandler().Then(_ => DocumentedResponse());
        var message = (await Client(source, "your-namespace.servicebus.windows.net").CreateReceiver("HttpClientSampleQueue")
            .ReceiveAsync(TimeSpan.FromSeconds(1)).DefaultTimeout())!;
        var other = new CapturingHandler();

        await Assert.ThrowsAsync<ArgumentException>(() => Client(other).CreateReceiver("HttpClientSampleQueue").CompleteAsync(message)).DefaultTimeout();
        Assert.Empty(other.Requests);
    }

    [Theory]
    [InlineData(null, "{\"LockToken\":\"t\"}", "no Location header")]
    [InlineData(DocumentedLocation, null, "no BrokerProperties header")]
    [InlineData(DocumentedLocation, "{\"DeliveryCount\":1}", "has no LockToken")]
    [InlineData(DocumentedLocation, "not json", "is not JSON")]
    public async Task ReceiveAsync_201NotAsDocumented_RequestException(string? location, string? brokerProperties, string expected)
    {
        var handler = new CapturingHandler().Then(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.Created) { Content = new ByteArrayContent("x"u8.ToArray()) };
            if (location is not null) response.Headers.Location = new Uri(location);
            if (brokerProperties is not null) response.Headers.TryAddWithoutValidation("BrokerProperties", brokerProperties);
            return response;
        });
        var receiver = Client(handler, "your-namespace.servicebus.windows.net").CreateReceiver("HttpClientSampleQueue");

        var e = await Assert.ThrowsAsync<ServiceBusRequestException>(() => receiver.ReceiveAsync(TimeSpan.FromSeconds(1))).DefaultTimeout();

        Assert.Equal(201, e.Status);
        Assert.Contains(expected, e.Message);
    }

    private static Task Settle(ServiceBusReceiver receiver, string operation, ServiceBusReceivedMessage message) => operation switch
    {
        "complete" => receiver.CompleteAsync(message),
        "abandon" => receiver.AbandonAsync(message),
        _ => receiver.RenewLockAsync(message),
    };

    /// <summary>The reference's example response, header for header.</summary>
    private static HttpResponseMessage DocumentedResponse()
    {
        var response = new HttpResponseMessage(HttpStatusCode.Created) { Content = new ByteArrayContent("This is a message."u8.ToArray()) };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/atom+xml;type=entry;charset=utf-8");
        response.Headers.Location = new Uri(DocumentedLocation);
        response.Headers.TryAddWithoutValidation("Server", "Microsoft-HTTPAPI/2.0");
        response.Headers.TryAddWithoutValidation("BrokerProperties",
            "{\"DeliveryCount\":1,\"EnqueuedSequenceNumber\":0,\"EnqueuedTimeUtc\":\"Wed, 02 Jul 2014 01:32:27 GMT\",\"Label\":\"M1\",\"LockToken\":\"7da9cfd5-40d5-4bb1-8d64-ec5a52e1c547\",\"LockedUntilUtc\":\"Wed, 02 Jul 2014 01:33:27 GMT\",\"MessageId\":\"31907572164743c38741631acd554d6f\",\"SequenceNumber\":2,\"State\":\"Active\",\"TimeToLive\":10}");
        response.Headers.TryAddWithoutValidation("Priority", "\"High\"");
        response.Headers.TryAddWithoutValidation("Customer", "\"12345,ABC\"");
        response.Headers.TryAddWithoutValidation("Date", "Wed, 02 Jul 2014 01:32:27 GMT");
        return response;
    }

    private static ServiceBusClient Client(CapturingHandler handler, string host = "ns.servicebus.windows.net") =>
        ServiceBusClient.FromConnectionString(SharedAccessSignatureTests.Connection($"sb://{host}/"), handler.Options());
}
