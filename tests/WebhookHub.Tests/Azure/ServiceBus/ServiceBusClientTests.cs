using System.Net;
using Azure.Core;
using WebhookHub.Azure.ServiceBus;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Azure.ServiceBus;

public sealed class ServiceBusClientTests
{
    [Fact]
    public async Task EntraCredential_BearerTokenForServiceBusScope()
    {
        var credential = new RecordingCredential("entra-token-1");
        var handler = new CapturingHandler();
        var client = new ServiceBusClient("ns.servicebus.windows.net", credential, handler.Options());

        await client.CreateSender("events").SendAsync(new ServiceBusMessage("{}"u8.ToArray())).DefaultTimeout();

        Assert.Equal("Bearer entra-token-1", handler.Single().Header("Authorization"));
        Assert.Equal("https://ns.servicebus.windows.net/events/messages", handler.Single().Uri.AbsoluteUri);
        Assert.Equal(["https://servicebus.azure.net/.default"], Assert.Single(credential.Scopes));
    }

    [Theory]
    [InlineData("Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=k3y", "https://ns.servicebus.windows.net/")]
    [InlineData("endpoint=sb://ns.servicebus.windows.net;sharedaccesskeyname=send;sharedaccesskey=k3y;EntityPath=events", "https://ns.servicebus.windows.net/")]
    [InlineData("Endpoint=http://127.0.0.1:5000/;SharedAccessKeyName=send;SharedAccessKey=k3y", "http://127.0.0.1:5000/")]
    [InlineData("Endpoint=https://localhost:5443;SharedAccessKeyName=send;SharedAccessKey=k3y", "https://localhost:5443/")]
    public async Task FromConnectionString_Endpoint_RequestsGoThere(string connectionString, string endpoint)
    {
        var handler = new CapturingHandler();
        var client = ServiceBusClient.FromConnectionString(connectionString, handler.Options());

        await client.CreateSender("events").SendAsync(new ServiceBusMessage("{}"u8.ToArray())).DefaultTimeout();

        Assert.Equal(new Uri(endpoint), client.Endpoint);
        Assert.Equal(endpoint + "events/messages", handler.Single().Uri.AbsoluteUri);
        Assert.StartsWith("SharedAccessSignature sr=" + WebUtility.UrlEncode(endpoint) + "&sig=", handler.Single().Header("Authorization"));
    }

    [Theory]
    [InlineData("SharedAccessKeyName=send;SharedAccessKey=s3cr3t-value", "no Endpoint")]
    [InlineData("Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKey=s3cr3t-value", "no SharedAccessKeyName")]
    [InlineData("Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send", "no SharedAccessKey")]
    [InlineData("Endpoint=ftp://ns/;SharedAccessKeyName=send;SharedAccessKey=s3cr3t-value", "scheme 'ftp'")]
    [InlineData("Endpoint=sb://ns/;s3cr3t-value", "not 'Name=value'")]
    public void FromConnectionString_Malformed_FormatExceptionWithoutTheKey(string connectionString, string expected)
    {
        var e = Assert.Throws<FormatException>(() => ServiceBusClient.FromConnectionString(connectionString));

        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain("s3cr3t", e.ToString());
    }

    [Fact]
    public async Task ErrorAnswer_EchoingTheCredential_ExceptionHasStatusAndEntityButNoSecret()
    {
        // A hostile or buggy answer that repeats the request's Authorization header and the key in its error detail.
        var handler = new CapturingHandler().Then(request => new HttpResponseMessage(HttpStatusCode.Unauthorized)
        {
            Content = new StringContent($"<Error><Code>401</Code><Detail>InvalidSignature: token {request.Headers.Authorization} key k3y-Secret-Value rejected. TrackingId:t-1</Detail></Error>"),
        });
        var client = ServiceBusClient.FromConnectionString("Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=k3y-Secret-Value", handler.Options());

        var e = await Assert.ThrowsAsync<ServiceBusRequestException>(() => client.CreateSender("events").SendAsync(new ServiceBusMessage("{}"u8.ToArray()))).DefaultTimeout();

        Assert.Equal(401, e.Status);
        Assert.Equal("events", e.EntityPath);
        Assert.StartsWith("Service Bus answered 401 (Unauthorized) to send a message on 'events': InvalidSignature: token SharedAccessSignature [redacted] key ", e.Message);
        Assert.Contains("TrackingId:t-1", e.Message);
        var signature = handler.Single().Header("Authorization")!.Split("&sig=")[1].Split('&')[0];
        Assert.DoesNotContain(signature, e.ToString());
        Assert.DoesNotContain("k3y-Secret-Value", e.ToString());
        Assert.DoesNotContain("sr=https", e.ToString());
        Assert.Single(handler.Requests); // 401 is not retried
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task TransientAnswer_RetriedByAzureCoreEachAttemptAuthorized(HttpStatusCode status)
    {
        var handler = new CapturingHandler().Then(status).Then(status);
        var client = ServiceBusClient.FromConnectionString(SharedAccessSignatureTests.Connection("sb://ns.servicebus.windows.net/"), handler.Options());

        await client.CreateSender("events").SendAsync(new ServiceBusMessage("{}"u8.ToArray())).DefaultTimeout();

        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.StartsWith("SharedAccessSignature ", r.Header("Authorization")));
        Assert.All(handler.Requests, r => Assert.Equal("{}", r.BodyText));
    }

    [Fact]
    public async Task Conflict409_NotRetried()
    {
        var handler = new CapturingHandler().Then(HttpStatusCode.Conflict);
        var client = ServiceBusClient.FromConnectionString(SharedAccessSignatureTests.Connection("sb://ns.servicebus.windows.net/"), handler.Options());

        var e = await Assert.ThrowsAsync<ServiceBusRequestException>(() => client.CreateSender("events").SendAsync(new ServiceBusMessage("{}"u8.ToArray()))).DefaultTimeout();

        Assert.Equal(409, e.Status);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task RetriesExhausted_LastStatusReported()
    {
        var handler = new CapturingHandler();
        for (var i = 0; i < 4; i++) handler.Then(HttpStatusCode.ServiceUnavailable, "<Error><Code>503</Code><Detail>Server busy</Detail></Error>");
        var client = ServiceBusClient.FromConnectionString(SharedAccessSignatureTests.Connection("sb://ns.servicebus.windows.net/"), handler.Options());

        var e = await Assert.ThrowsAsync<ServiceBusRequestException>(() => client.CreateSender("deliveries").SendBatchAsync([new ServiceBusMessage("{}"u8.ToArray())])).DefaultTimeout();

        Assert.Equal(503, e.Status);
        Assert.Equal("Service Bus answered 503 (Service Unavailable) to send a batch on 'deliveries': Server busy.", e.Message);
        Assert.Equal(4, handler.Requests.Count); // the first try and MaxRetries = 3
    }

    [Fact]
    public async Task NoAnswer_RequestExceptionWithStatusZero()
    {
        var handler = new CapturingHandler();
        for (var i = 0; i < 4; i++) handler.Then(_ => throw new HttpRequestException("Connection refused (ns.servicebus.windows.net:443)"));
        var client = ServiceBusClient.FromConnectionString(SharedAccessSignatureTests.Connection("sb://ns.servicebus.windows.net/"), handler.Options());

        var e = await Assert.ThrowsAsync<ServiceBusRequestException>(() => client.CreateReceiver("deliveries").ReceiveAsync(TimeSpan.Zero)).DefaultTimeout();

        Assert.Equal(0, e.Status);
        Assert.Equal("deliveries", e.EntityPath);
        Assert.Contains("could not be reached to receive on 'deliveries' in 4 attempts", e.Message);
        Assert.Equal(4, handler.Requests.Count);
        Assert.Contains("Connection refused", e.Message);
    }

    private sealed class RecordingCredential(string token) : TokenCredential
    {
        public List<string[]> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (Scopes) Scopes.Add(requestContext.Scopes);
            return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
