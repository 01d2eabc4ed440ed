using WebhookHub.Azure.Messaging;
using WebhookHub.Azure.Tables;
using WebhookHub.Delivery;
using WebhookHub.Ingestion;
using WebhookHub.Tenancy;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Azure.Messaging;

/// <summary>
/// The Service Bus decorator over the Table store: every change that makes a delivery due sends its message, and a message that
/// finds its delivery not due or leased leaves one behind for later, so no delivery is ever left without a message.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class MessagingDeliveryStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly TableWebhookStore _tables = AzureShape.OwnTables(azurite, "msg");
    private readonly string _tenant = ApiKeys.NewId("ten");
    private FakeServiceBus _bus = null!;
    private MessagingDeliveryStore _store = null!;
    private DateTimeOffset _now;

    public async Task InitializeAsync()
    {
        await _tables.CreateTablesAsync();
        _bus = await AzureShape.StartBusAsync();
        var client = _bus.CreateClient();
        _store = new MessagingDeliveryStore(_tables, new WorkPublisher(client.CreateSender("events"), client.CreateSender("deliveries"), TimeProvider.System));
        _now = DateTimeOffset.UtcNow;
    }

    public async Task DisposeAsync() => await _bus.DisposeAsync();

    private async Task<WebhookDelivery> DeliveryAsync()
    {
        await _tables.CreateSubscriptionAsync(new Subscription("sub_a", _tenant, "https://example.com/h", ["*"], [], ApiKeys.CreateSigningSecret(), true, _now));
        var webhookEvent = new WebhookEvent(EventIds.ForEvent("src_1", "evt_1"), _tenant, "src_1", "evt_1", "invoice.paid", "application/json", "{}"u8.ToArray(), _now);
        await _tables.AppendAsync(webhookEvent);
        var delivery = WebhookDelivery.CreatePending(webhookEvent, "sub_a", _now);
        await _tables.CompleteDispatchAsync([webhookEvent.Id], [delivery]);
        return delivery;
    }

    [Fact]
    public async Task ClaimByIdAsync_Leased_SchedulesAFollowUpForTheLeaseEnd()
    {
        var delivery = await DeliveryAsync();
        Assert.Equal(ClaimByIdOutcome.Claimed, (await _store.ClaimByIdAsync(_tenant, delivery.Id, _now, Lease)).Outcome);

        var second = await _store.ClaimByIdAsync(_tenant, delivery.Id, _now.AddSeconds(1), Lease);

        Assert.Equal(ClaimByIdOutcome.Leased, second.Outcome);
        Assert.True(second.FollowUpScheduled);
        var followUp = Assert.Single(_bus.Messages("deliveries"));
        Assert.Equal(FakeMessageState.Scheduled, followUp.State);
        Assert.InRange(followUp.ScheduledEnqueueTime!.Value - (_now.AddSeconds(1) + Lease), TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.Contains(delivery.Id, followUp.BodyText);
    }

    [Fact]
    public async Task ClaimByIdAsync_NotDue_ResendsTheDueMessageWhichDuplicateDetectionDropsWhenAlreadySent()
    {
        var delivery = await DeliveryAsync();
        await _store.ClaimByIdAsync(_tenant, delivery.Id, _now, Lease);
        var failed = delivery with { Status = DeliveryStatus.Failed, AttemptCount = 1, RetryIndex = 1, NextAttemptAt = _now.AddMinutes(5), UpdatedAt = _now };
        await _store.RecordAttemptAsync(failed, new DeliveryAttempt(delivery.Id, 1, _now, 3, 503, "HTTP 503", null, DeliveryStatus.Failed));
        Assert.Single(_bus.Messages("deliveries"));

        var early = await _store.ClaimByIdAsync(_tenant, delivery.Id, _now.AddMinutes(1), Lease);

        Assert.Equal(ClaimByIdOutcome.NotDue, early.Outcome);
        Assert.False(early.FollowUpScheduled);
        var retry = Assert.Single(_bus.Messages("deliveries"));
        Assert.Equal(WorkMessages.DeliveryMessageId(delivery.Id, failed.NextAttemptAt), retry.MessageId);
        Assert.Equal(2, _bus.Requests.Count(r => r.Method == "POST" && r.Path.TrimStart('/') == "deliveries/messages"));
    }

    [Fact]
    public async Task DeferAndReplay_SendMessagesForTheirDueTimes_FinalOutcomesSendNone()
    {
        var delivery = await DeliveryAsync();

        Assert.True(await _store.DeferAsync(_tenant, delivery.Id, _now.AddSeconds(30)));
        await _store.RecordAttemptAsync(delivery with { Status = DeliveryStatus.Succeeded, AttemptCount = 1 },
            new DeliveryAttempt(delivery.Id, 1, _now, 3, 200, null, null, DeliveryStatus.Succeeded));
        await _store.ReplayAsync([delivery], _now.AddMinutes(1));

        Assert.Equal(
            [WorkMessages.DeliveryMessageId(delivery.Id, _now.AddSeconds(30)), WorkMessages.DeliveryMessageId(delivery.Id, _now.AddMinutes(1))],
            _bus.Messages("deliveries").Select(m => m.MessageId).Order());
    }
}
