using System.Diagnostics;
using System.Text;
using System.Text.Json;
using WebhookHub.Azure.ServiceBus;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Azure.ServiceBus;

// Wire shapes from https://learn.microsoft.com/rest/api/servicebus/send-message-to-queue,
// https://learn.microsoft.com/rest/api/servicebus/send-message-batch and
// https://learn.microsoft.com/rest/api/servicebus/message-headers-and-properties.
public sealed class ServiceBusSenderTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SendAsync_EveryProperty_ExactWireRequest()
    {
        var (handler, sender) = Sender();
        var message = new ServiceBusMessage("{\"eventId\":\"evt_1\"}"u8.ToArray())
        {
            MessageId = "evt_1",
            CorrelationId = "corr-7",
            SessionId = "tenant-1",
            Subject = "invoice.paid",
            TimeToLive = TimeSpan.FromSeconds(90),
            ScheduledEnqueueTime = new DateTimeOffset(1994, 11, 6, 8, 49, 37, TimeSpan.Zero),
            ApplicationProperties = { ["Priority"] = "High", ["Customer"] = "12345,ABC" },
        };

        await sender.SendAsync(message).DefaultTimeout();

        var request = handler.Single();
        Assert.Equal("POST", request.Method);
        Assert.Equal("https://ns.servicebus.windows.net/events/messages", request.Uri.AbsoluteUri);
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.Equal(
            "{\"MessageId\":\"evt_1\",\"CorrelationId\":\"corr-7\",\"SessionId\":\"tenant-1\",\"Label\":\"invoice.paid\",\"TimeToLive\":90,\"ScheduledEnqueueTimeUtc\":\"Sun, 06 Nov 1994 08:49:37 GMT\"}",
            request.Header("BrokerProperties"));
        Assert.Equal("\"High\"", request.Header("Priority"));
        Assert.Equal("\"12345,ABC\"", request.Header("Customer"));
        Assert.Equal(SharedAccessSignature.Create("https://ns.servicebus.windows.net/", "send", "k3y", Now.AddHours(1)), request.Header("Authorization"));
        Assert.Equal("{\"eventId\":\"evt_1\"}", request.BodyText);
        Assert.Equal(request.Body.Length, request.ContentLength);
    }

    [Fact]
    public async Task SendAsync_NoBrokerProperty_NoBrokerPropertiesHeaderAndOwnContentType()
    {
        var (handler, sender) = Sender();

        await sender.SendAsync(new ServiceBusMessage("plain"u8.ToArray()) { ContentType = "text/plain" }).DefaultTimeout();

        var request = handler.Single();
        Assert.Null(request.Header("BrokerProperties"));
        Assert.Equal("text/plain", request.Header("Content-Type"));
    }

    [Fact]
    public async Task SendAsync_ScheduledWithFractionAndOffset_Rfc1123InUtcRoundedUp()
    {
        var (handler, sender) = Sender();

        await sender.SendAsync(new ServiceBusMessage("{}"u8.ToArray())
        {
            ScheduledEnqueueTime = new DateTimeOffset(2026, 3, 1, 10, 0, 59, 1, TimeSpan.FromHours(2)),
            TimeToLive = TimeSpan.FromMilliseconds(1500),
        }).DefaultTimeout();

        Assert.Equal("{\"TimeToLive\":1.5,\"ScheduledEnqueueTimeUtc\":\"Sun, 01 Mar 2026 08:01:00 GMT\"}", handler.Single().Header("BrokerProperties"));
    }

    [Fact]
    public async Task SendAsync_InsideActivity_DiagnosticIdIsTraceparentAndMessageUnchanged()
    {
        var (handler, sender) = Sender();
        using var activity = new Activity("ingest").SetIdFormat(ActivityIdFormat.W3C).Start();
        var message = new ServiceBusMessage("{}"u8.ToArray());

        await sender.SendAsync(message).DefaultTimeout();

        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", activity.Id);
        Assert.Equal("\"" + activity.Id + "\"", handler.Single().Header("Diagnostic-Id"));
        Assert.Empty(message.ApplicationProperties);
    }

    [Fact]
    public async Task SendAsync_CallerSetDiagnosticId_Kept()
    {
        var (handler, sender) = Sender();
        using var activity = new Activity("ingest").SetIdFormat(ActivityIdFormat.W3C).Start();

        await sender.SendAsync(new ServiceBusMessage("{}"u8.ToArray()) { ApplicationProperties = { ["diagnostic-id"] = "00-mine" } }).DefaultTimeout();

        Assert.Equal("\"00-mine\"", handler.Single().Header("Diagnostic-Id"));
    }

    [Fact]
    public async Task SendAsync_NoActivity_NoDiagnosticId()
    {
        Assert.Null(Activity.Current);
        var (handler, sender) = Sender();

        await sender.SendAsync(new ServiceBusMessage("{}"u8.ToArray())).DefaultTimeout();

        Assert.Null(handler.Single().Header("Diagnostic-Id"));
    }

    [Theory]
    [InlineData("Bad Name", "v", "cannot be an HTTP header")]
    [InlineData("BrokerProperties", "v", "is an HTTP or Service Bus header")]
    [InlineData("Authorization", "v", "is an HTTP or Service Bus header")]
    [InlineData("Note", "caf\u00e9", "a character a header cannot carry")]
    [InlineData("Note", "a\"b", "a character a header cannot carry")]
    [InlineData("Note", "line\r\nInjected: 1", "a character a header cannot carry")]
    public async Task SendAsync_PropertyAHeaderCannotCarry_ThrowsBeforeAnyRequest(string name, string value, string expected)
    {
        var (handler, sender) = Sender();

        var e = await Assert.ThrowsAsync<ArgumentException>(() => sender.SendAsync(new ServiceBusMessage("{}"u8.ToArray()) { ApplicationProperties = { [name] = value } })).DefaultTimeout();

        Assert.Contains(expected, e.Message);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task SendAsync_NonPositiveTimeToLive_Throws()
    {
        var (handler, sender) = Sender();

        await Assert.ThrowsAsync<ArgumentException>(() => sender.SendAsync(new ServiceBusMessage("{}"u8.ToArray()) { TimeToLive = TimeSpan.Zero })).DefaultTimeout();
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task SendBatchAsync_TwoMessages_ExactBatchBody()
    {
        var (handler, sender) = Sender();

        await sender.SendBatchAsync(
        [
            new ServiceBusMessage("{\"eventId\":\"evt_1\"}"u8.ToArray()) { MessageId = "evt_1", TimeToLive = TimeSpan.FromSeconds(40) },
            new ServiceBusMessage("second"u8.ToArray()) { Subject = "M2", ApplicationProperties = { ["Priority"] = "Low" } },
            new ServiceBusMessage("third"u8.ToArray()),
        ]).DefaultTimeout();

        var request = handler.Single();
        Assert.Equal("POST", request.Method);
        Assert.Equal("https://ns.servicebus.windows.net/events/messages", request.Uri.AbsoluteUri);
        Assert.Equal("application/vnd.microsoft.servicebus.json", request.Header("Content-Type"));
        Assert.Null(request.Header("BrokerProperties"));
        Assert.StartsWith("SharedAccessSignature sr=https%3A%2F%2Fns.servicebus.windows.net%2F&sig=", request.Header("Authorization"));
        Assert.Equal(
            "[{\"Body\":\"{\\\"eventId\\\":\\\"evt_1\\\"}\",\"BrokerProperties\":{\"MessageId\":\"evt_1\",\"TimeToLive\":40}},"
            + "{\"Body\":\"second\",\"BrokerProperties\":{\"Label\":\"M2\"},\"UserProperties\":{\"Priority\":\"Low\"}},"
            + "{\"Body\":\"third\"}]",
            request.BodyText);
        using var parsed = JsonDocument.Parse(request.Body);
        Assert.Equal("{\"eventId\":\"evt_1\"}", parsed.RootElement[0].GetProperty("Body").GetString());
    }

    [Fact]
    public async Task SendBatchAsync_Empty_NoRequest()
    {
        var (handler, sender) = Sender();

        await sender.SendBatchAsync([]).DefaultTimeout();

        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task SendBatchAsync_OverTheSizeLimit_SplitIntoRequestsInOrderEachWithinTheLimit()
    {
        var (handler, sender) = Sender(o => o.MaxBatchSizeInBytes = 1024);
        var messages = Enumerable.Range(1, 5)
            .Select(i => new ServiceBusMessage(Encoding.UTF8.GetBytes(i + new string('x', 300))) { MessageId = "m" + i })
            .ToList();

        await sender.SendBatchAsync(messages).DefaultTimeout();

        // Each entry is ~345 bytes: [m1,m2] = 2 + 2*345 + 1 = 693, a third would pass 1024.
        var requests = handler.Requests;
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.True(r.Body.Length <= 1024, $"{r.Body.Length} bytes"));
        var ids = requests.SelectMany(r => JsonDocument.Parse(r.Body).RootElement.EnumerateArray()
            .Select(e => e.GetProperty("BrokerProperties").GetProperty("MessageId").GetString())).ToArray();
        Assert.Equal(new[] { "m1", "m2", "m3", "m4", "m5" }, ids);
        Assert.Equal([2, 2, 1], requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetArrayLength()));
    }

    [Fact]
    public async Task SendBatchAsync_OneMessageOverTheLimit_ThrowsBeforeAnyRequest()
    {
        var (handler, sender) = Sender(o => o.MaxBatchSizeInBytes = 1024);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => sender.SendBatchAsync(
            [new ServiceBusMessage("ok"u8.ToArray()), new ServiceBusMessage(new byte[2000])])).DefaultTimeout();

        Assert.Contains("message 1 takes", e.Message);
        Assert.Contains("limit of 1024 bytes", e.Message);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task SendBatchAsync_BodyNotUtf8_Throws()
    {
        var (handler, sender) = Sender();

        var e = await Assert.ThrowsAsync<ArgumentException>(() => sender.SendBatchAsync([new ServiceBusMessage(new byte[] { 0xff, 0xfe })])).DefaultTimeout();

        Assert.Contains("not UTF-8 text", e.Message);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task SendBatchAsync_InsideActivity_DiagnosticIdInUserProperties()
    {
        var (handler, sender) = Sender();
        using var activity = new Activity("dispatch").SetIdFormat(ActivityIdFormat.W3C).Start();

        await sender.SendBatchAsync([new ServiceBusMessage("a"u8.ToArray())]).DefaultTimeout();

        Assert.Equal($"[{{\"Body\":\"a\",\"UserProperties\":{{\"Diagnostic-Id\":\"{activity.Id}\"}}}}]", handler.Single().BodyText);
    }

    [Fact]
    public void CreateSender_MalformedEntityPath_Throws()
    {
        var client = ServiceBusClient.FromConnectionString(SharedAccessSignatureTests.Connection("sb://ns.servicebus.windows.net/"));

        Assert.Throws<ArgumentException>(() => client.CreateSender(""));
        Assert.Throws<ArgumentException>(() => client.CreateSender("/events"));
        Assert.Throws<ArgumentException>(() => client.CreateSender("a//b"));
    }

    private static (CapturingHandler Handler, ServiceBusSender Sender) Sender(Action<ServiceBusClientOptions>? configure = null)
    {
        var handler = new CapturingHandler();
        var options = handler.Options(new FakeTimeProvider(Now));
        configure?.Invoke(options);
        var client = ServiceBusClient.FromConnectionString(SharedAccessSignatureTests.Connection("sb://ns.servicebus.windows.net/"), options);
        return (handler, client.CreateSender("events"));
    }
}
