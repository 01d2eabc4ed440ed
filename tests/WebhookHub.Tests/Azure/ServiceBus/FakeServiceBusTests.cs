using System.Diagnostics;
using System.Net;
using System.Text;
using WebhookHub.Azure.ServiceBus;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Azure.ServiceBus;

/// <summary>The test namespace <see cref="FakeServiceBus"/>, driven through the real REST client.</summary>
public sealed class FakeServiceBusTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SendReceiveComplete_Queue_MessageRoundTripsAndIsGone()
    {
        var time = new FakeTimeProvider(Start);
        await using var bus = await new FakeServiceBus(["deliveries"], timeProvider: time).StartAsync();
        var client = bus.CreateClient();
        using var activity = new Activity("deliver").SetIdFormat(ActivityIdFormat.W3C).Start();

        await client.CreateSender("deliveries").SendAsync(new ServiceBusMessage("{\"deliveryId\":\"dlv_1\"}"u8.ToArray())
        {
            MessageId = "dlv_1",
            CorrelationId = "evt_1",
            Subject = "delivery",
            ApplicationProperties = { ["tenantId"] = "t-1" },
        }).DefaultTimeout();
        var receiver = client.CreateReceiver("deliveries");
        var message = await receiver.ReceiveAsync(TimeSpan.FromSeconds(5)).DefaultTimeout();

        Assert.NotNull(message);
        Assert.Equal("{\"deliveryId\":\"dlv_1\"}", Encoding.UTF8.GetString(message.Body.Span));
        Assert.Equal(("dlv_1", "evt_1", "delivery", "application/json"), (message.MessageId, message.CorrelationId, message.Subject, message.ContentType));
        Assert.Equal((1, 1L), (message.DeliveryCount, message.SequenceNumber));
        Assert.Equal(Start, message.EnqueuedTime);
        Assert.Equal(Start.AddSeconds(60), message.LockedUntil);
        Assert.Equal("t-1", message.ApplicationProperties["tenantId"]);
        Assert.Equal(activity.Id, message.ApplicationProperties["Diagnostic-Id"]);
        Assert.Equal(FakeMessageState.Locked, Assert.Single(bus.Messages("deliveries")).State);

        await receiver.CompleteAsync(message).DefaultTimeout();

        Assert.Empty(bus.Messages("deliveries"));
        Assert.Equal(
            ["POST /deliveries/messages", "POST /deliveries/messages/head?timeout=5", $"DELETE /deliveries/messages/1/{message.LockToken}"],
            bus.Requests.Select(r => $"{r.Method} {r.Path}{r.Query}"));
        Assert.Equal("\"t-1\"", bus.Requests[0].Headers["tenantId"]);
    }

    [Fact]
    public async Task ScheduledMessage_InvisibleUntilDueOnTheClock()
    {
        var time = new FakeTimeProvider(Start);
        await using var bus = await new FakeServiceBus(["deliveries"], timeProvider: time).StartAsync();
        var client = bus.CreateClient();
        var due = Start.AddMinutes(10);

        await client.CreateSender("deliveries").SendAsync(new ServiceBusMessage("{}"u8.ToArray()) { MessageId = "retry-2", ScheduledEnqueueTime = due }).DefaultTimeout();
        var receiver = client.CreateReceiver("deliveries");

        Assert.Null(await receiver.ReceiveAsync(TimeSpan.Zero).DefaultTimeout());
        Assert.Equal((FakeMessageState.Scheduled, due), (bus.Messages("deliveries")[0].State, bus.Messages("deliveries")[0].ScheduledEnqueueTime!.Value));
        time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        Assert.Null(await receiver.ReceiveAsync(TimeSpan.Zero).DefaultTimeout());
        time.Advance(TimeSpan.FromSeconds(1));
        var message = await receiver.ReceiveAsync(TimeSpan.Zero).DefaultTimeout();

        Assert.Equal("retry-2", message?.MessageId);
        Assert.Equal(due, message?.EnqueuedTime);
    }

    [Fact]
    public async Task DuplicateMessageId_DroppedWithinTheWindowAcceptedAfter()
    {
        var time = new FakeTimeProvider(Start);
        await using var bus = await new FakeServiceBus(["deliveries"], timeProvider: time) { DuplicateDetectionWindow = TimeSpan.FromMinutes(10) }.StartAsync();
        var sender = bus.CreateClient().CreateSender("deliveries");

        await sender.SendAsync(new ServiceBusMessage("first"u8.ToArray()) { MessageId = "dlv_1" }).DefaultTimeout();
        await sender.SendAsync(new ServiceBusMessage("second"u8.ToArray()) { MessageId = "dlv_1" }).DefaultTimeout();
        await sender.SendBatchAsync([new ServiceBusMessage("third"u8.ToArray()) { MessageId = "dlv_1" }]).DefaultTimeout();
        Assert.Equal(["first"], bus.Messages("deliveries").Select(m => m.BodyText));

        time.Advance(TimeSpan.FromMinutes(10));
        await sender.SendAsync(new ServiceBusMessage("fourth"u8.ToArray()) { MessageId = "dlv_1" }).DefaultTimeout();

        Assert.Equal(["first", "fourth"], bus.Messages("deliveries").Select(m => m.BodyText));
    }

    [Fact]
    public async Task Abandon_RedeliveredWithDeliveryCountTwo()
    {
        await using var bus = await new FakeServiceBus(["deliveries"], timeProvider: new FakeTimeProvider(Start)).StartAsync();
        var client = bus.CreateClient();
        await client.CreateSender("deliveries").SendAsync(new ServiceBusMessage("{}"u8.ToArray()) { MessageId = "dlv_1" }).DefaultTimeout();
        var receiver = client.CreateReceiver("deliveries");

        var first = (await receiver.ReceiveAsync(TimeSpan.Zero).DefaultTimeout())!;
        Assert.Null(await receiver.ReceiveAsync(TimeSpan.Zero).DefaultTimeout()); // locked: invisible to others
        await receiver.AbandonAsync(first).DefaultTimeout();
        var second = await receiver.ReceiveAsync(TimeSpan.Zero).DefaultTimeout();

        Assert.Equal(1, first.DeliveryCount);
        Assert.Equal(("dlv_1", 2), (second?.MessageId, second?.DeliveryCount));
        Assert.NotEqual(first.LockToken, second?.LockToken);
        var stale = await Assert.ThrowsAsync<ServiceBusRequestException>(() => receiver.CompleteAsync(first)).DefaultTimeout();
        Assert.Equal(404, stale.Status);
    }

    [Fact]
    public async Task LockExpiry_ReturnsTheMessageRenewKeepsIt()
    {
        var time = new FakeTimeProvider(Start);
        await using var bus = await new FakeServiceBus(["deliveries"], timeProvider: time) { LockDuration = TimeSpan.FromSeconds(30) }.StartAsync();
        var client = bus.CreateClient();
        await client.CreateSender("deliveries").SendBatchAsync([new ServiceBusMessage("a"u8.ToArray()), new ServiceBusMessage("b"u8.ToArray())]).DefaultTimeout();
        var receiver = client.CreateReceiver("deliveries");
        var renewed = (await receiver.ReceiveAsync(TimeSpan.Zero).DefaultTimeout())!;
        var expiring = (await receiver.ReceiveAsync(TimeSpan.Zero).DefaultTimeout())!;

        time.Advance(TimeSpan.FromSeconds(20));
        await receiver.RenewLockAsync(renewed).DefaultTimeout();
        time.Advance(TimeSpan.FromSeconds(20)); // the unrenewed lock ran out 10 s ago; the renewed one has 10 s left
        var again = await receiver.ReceiveAsync(TimeSpan.Zero).DefaultTimeout();

        Assert.Equal(("b", 2), (again is null ? null : Encoding.UTF8.GetString(again.Body.Span), again?.DeliveryCount));
        await receiver.CompleteAsync(renewed).DefaultTimeout();
        await Assert.ThrowsAsync<ServiceBusRequestException>(() => receiver.CompleteAsync(expiring)).DefaultTimeout();
    }

    [Fact]
    public async Task MaxDeliveryCount_AbandonedThatOftenDeadLettered()
    {
        await using var bus = await new FakeServiceBus(["deliveries"], timeProvider: new FakeTimeProvider(Start)) { MaxDeliveryCount = 2 }.StartAsync();
        var client = bus.CreateClient();
        await client.CreateSender("deliveries").SendAsync(new ServiceBusMessage("{}"u8.ToArray()) { MessageId = "poison" }).DefaultTimeout();
        var receiver = client.CreateReceiver("deliveries");

        await receiver.AbandonAsync((await receiver.ReceiveAsync(TimeSpan.Zero).DefaultTimeout())!).DefaultTimeout();
        await receiver.AbandonAsync((await receiver.ReceiveAsync(TimeSpan.Zero).DefaultTimeout())!).DefaultTimeout();

        Assert.Null(await receiver.ReceiveAsync(TimeSpan.Zero).DefaultTimeout());
        Assert.Empty(bus.Messages("deliveries"));
        var dead = Assert.Single(bus.DeadLetters);
        Assert.Equal(("poison", 2, "MaxDeliveryCountExceeded", "deliveries"), (dead.Message.MessageId, dead.Message.DeliveryCount, dead.Reason, dead.Message.EntityPath));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TimeToLivePassed_MessageExpiresDeadLetteredWhenConfigured(bool deadLetter)
    {
        var time = new FakeTimeProvider(Start);
        await using var bus = await new FakeServiceBus(["deliveries"], timeProvider: time) { DeadLetteringOnMessageExpiration = deadLetter }.StartAsync();
        await bus.CreateClient().CreateSender("deliveries").SendAsync(new ServiceBusMessage("{}"u8.ToArray()) { MessageId = "short", TimeToLive = TimeSpan.FromSeconds(30) }).DefaultTimeout();

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Single(bus.Messages("deliveries"));
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Empty(bus.Messages("deliveries"));
        Assert.Equal(deadLetter ? ["TTLExpiredException"] : Array.Empty<string>(), bus.DeadLetters.Select(d => d.Reason));
    }

    [Fact]
    public async Task Topic_FansOutToEverySubscription()
    {
        await using var bus = await new FakeServiceBus(topics: new Dictionary<string, string[]> { ["events"] = ["dispatch", "audit"] }, timeProvider: new FakeTimeProvider(Start)).StartAsync();
        var client = bus.CreateClient();

        await client.CreateSender("events").SendBatchAsync(
        [
            new ServiceBusMessage("{\"eventId\":\"evt_1\"}"u8.ToArray()) { MessageId = "evt_1", ApplicationProperties = { ["tenantId"] = "t-1" } },
            new ServiceBusMessage("{\"eventId\":\"evt_2\"}"u8.ToArray()) { MessageId = "evt_2" },
        ]).DefaultTimeout();
        var dispatch = await client.CreateReceiver("events", "dispatch").ReceiveAsync(TimeSpan.Zero).DefaultTimeout();

        Assert.Equal(["evt_1", "evt_2"], bus.Messages("events/subscriptions/audit").Select(m => m.MessageId));
        Assert.Equal(("evt_1", "t-1"), (dispatch?.MessageId, dispatch?.ApplicationProperties["tenantId"]));
        Assert.Equal($"{bus.BaseUrl}/events/subscriptions/dispatch/messages/1/{dispatch?.LockToken}", dispatch?.Location.AbsoluteUri);
        Assert.Equal(FakeMessageState.Active, bus.Messages("events/subscriptions/audit")[0].State);
    }

    [Fact]
    public async Task LongPoll_AnswersAsSoonAsAMessageArrivesAnd204AtTheTimeout()
    {
        var time = new FakeTimeProvider(Start);
        await using var bus = await new FakeServiceBus(["deliveries"], timeProvider: time).StartAsync();
        var client = bus.CreateClient();
        var receiver = client.CreateReceiver("deliveries");

        var waiting = receiver.ReceiveAsync(TimeSpan.FromSeconds(30));
        await TaskTimeouts.Eventually(() => Task.FromResult(time.PendingTimers > 0), "the receive is parked on the clock");
        Assert.False(waiting.IsCompleted);
        await client.CreateSender("deliveries").SendAsync(new ServiceBusMessage("now"u8.ToArray())).DefaultTimeout();
        Assert.Equal("now", Encoding.UTF8.GetString((await waiting.DefaultTimeout())!.Body.Span));

        var empty = receiver.ReceiveAsync(TimeSpan.FromSeconds(5));
        await TaskTimeouts.Eventually(() => Task.FromResult(time.PendingTimers > 0), "the receive is parked on the clock");
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Null(await empty.DefaultTimeout());
    }

    [Fact]
    public async Task Requests_WithoutValidAuthorization_401()
    {
        var time = new FakeTimeProvider(Start);
        await using var bus = await new FakeServiceBus(["deliveries"], timeProvider: time).StartAsync();
        using var http = new HttpClient();
        var url = bus.BaseUrl + "/deliveries/messages";
        var resource = bus.BaseUrl + "/";

        var none = await http.PostAsync(url, new StringContent("{}")).DefaultTimeout();
        var wrongKey = await PostWith(SharedAccessSignature.Create(resource, FakeServiceBus.KeyName, "not-the-key", Start.AddHours(1)));
        var expired = await PostWith(SharedAccessSignature.Create(resource, FakeServiceBus.KeyName, FakeServiceBus.Key, Start));
        var otherResource = await PostWith(SharedAccessSignature.Create("http://127.0.0.2:1/", FakeServiceBus.KeyName, FakeServiceBus.Key, Start.AddHours(1)));
        var valid = await PostWith(SharedAccessSignature.Create(resource, FakeServiceBus.KeyName, FakeServiceBus.Key, Start.AddHours(1)));

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Created],
            new[] { none.StatusCode, wrongKey, expired, otherResource, valid });
        Assert.Single(bus.Messages("deliveries"));
        Assert.Equal(5, bus.Requests.Count);

        async Task<HttpStatusCode> PostWith(string authorization)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent("{}") };
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
            return (await http.SendAsync(request).DefaultTimeout()).StatusCode;
        }
    }

    [Fact]
    public async Task UnknownEntity_410AsRequestException()
    {
        await using var bus = await new FakeServiceBus(["deliveries"], timeProvider: new FakeTimeProvider(Start)).StartAsync();

        var e = await Assert.ThrowsAsync<ServiceBusRequestException>(() => bus.CreateClient().CreateSender("nope").SendAsync(new ServiceBusMessage("{}"u8.ToArray()))).DefaultTimeout();

        Assert.Equal(410, e.Status);
        Assert.Contains("MessagingEntityNotFound", e.Message);
    }
}
