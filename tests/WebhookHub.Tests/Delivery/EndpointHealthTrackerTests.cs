using System.Text.Json;
using WebhookHub.Delivery;
using WebhookHub.Ingestion;
using WebhookHub.Storage.Sqlite;
using WebhookHub.Tenancy;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Delivery;

/// <summary>Failure runs, auto-disable, recovery and the operational events they cause, against the SQLite store on a fake clock.</summary>
public sealed class EndpointHealthTrackerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly string _path = Path.Combine(Path.GetTempPath(), "webhookhub-tests", Guid.NewGuid().ToString("n"), "store.db");
    private readonly FakeTimeProvider _time = new(Start);
    private SqliteWebhookStore _store = null!;
    private EndpointHealthTracker _tracker = null!;
    private Subscription _subscription = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteWebhookStore(new SqliteStoreOptions { Path = _path });
        _tracker = new EndpointHealthTracker(_store, new DeliveryOptions { AutoDisableAfter = TimeSpan.FromDays(5), FailingEventAfterAttempts = 3 }, _time);
        _subscription = new Subscription("sub_a", "ten_a", "https://a.example.com/h", ["*"], [], "whsec_x", true, Start);
        await _store.CreateSubscriptionAsync(_subscription);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
    }

    private async Task<Subscription> StoredAsync() => (await _store.GetSubscriptionAsync("ten_a", "sub_a"))!;

    /// <summary>A job as the worker claims it now (the subscription as stored), at retry position <paramref name="retryIndex"/>.</summary>
    private async Task<DeliveryJob> JobAsync(string deliveryId = "dlv_1", int retryIndex = 0, string sourceId = "src_1")
    {
        var e = new WebhookEvent("evt_" + deliveryId, "ten_a", sourceId, "p_" + deliveryId, "invoice.paid", "application/json", "{}"u8.ToArray(), Start);
        var delivery = new WebhookDelivery(deliveryId, "ten_a", e.Id, "sub_a", DeliveryStatus.Pending, retryIndex, retryIndex, Start, Start, Start, null, null);
        return new DeliveryJob(delivery, e, await StoredAsync());
    }

    private DeliveryAttempt Attempt(DeliveryJob job, DeliveryStatus outcome) =>
        new(job.Delivery.Id, job.Delivery.AttemptCount + 1, _time.GetUtcNow(), 5,
            outcome == DeliveryStatus.Succeeded ? 200 : 503, outcome == DeliveryStatus.Succeeded ? null : "HTTP 503", null, outcome);

    private async Task<EndpointHealthReport> RecordAsync(DeliveryStatus outcome, string deliveryId = "dlv_1", int retryIndex = 0, string sourceId = "src_1")
    {
        var job = await JobAsync(deliveryId, retryIndex, sourceId);
        return await _tracker.RecordAsync(job, Attempt(job, outcome));
    }

    private static JsonElement Data(WebhookEvent e) => JsonDocument.Parse(e.Payload).RootElement.GetProperty("data");

    [Fact]
    public async Task Failure_StartsTheRun_SuccessEndsIt()
    {
        await RecordAsync(DeliveryStatus.Failed);
        _time.Advance(TimeSpan.FromMinutes(5));
        await RecordAsync(DeliveryStatus.Failed, "dlv_2");
        var failing = (await StoredAsync()).Health;
        Assert.Equal((Start, 2), (failing.FailingSince, failing.ConsecutiveFailures));

        var report = await RecordAsync(DeliveryStatus.Succeeded, "dlv_3");

        var healthy = (await StoredAsync()).Health;
        Assert.Equal(((DateTimeOffset?)null, 0), (healthy.FailingSince, healthy.ConsecutiveFailures));
        Assert.False(report.Recovered);
        Assert.Empty(report.Events);
    }

    [Fact]
    public async Task SuccessOnAStaleHealthySnapshot_StillEndsTheRun()
    {
        var staleJob = await JobAsync("dlv_9");
        await RecordAsync(DeliveryStatus.Failed);

        await _tracker.RecordAsync(staleJob, Attempt(staleJob, DeliveryStatus.Succeeded));

        Assert.Null((await StoredAsync()).Health.FailingSince);
    }

    [Fact]
    public async Task FailingContinuouslyForAutoDisableAfter_DisablesAndEmitsEndpointDisabled()
    {
        await RecordAsync(DeliveryStatus.Failed);
        _time.Advance(TimeSpan.FromDays(5) - TimeSpan.FromSeconds(1));
        var before = await RecordAsync(DeliveryStatus.Failed);
        Assert.False(before.Disabled);
        Assert.True((await StoredAsync()).Active);
        _time.Advance(TimeSpan.FromSeconds(1));

        var report = await RecordAsync(DeliveryStatus.Failed);

        var stored = await StoredAsync();
        Assert.True(report.Disabled);
        Assert.False(stored.Active);
        Assert.Equal(Start.AddDays(5), stored.Health.DisabledAt);
        Assert.Equal("endpoint failed continuously since 2026-11-21T12:00:00Z (3 attempts, no success)", stored.Health.DisabledReason);
        Assert.Null(stored.Health.FailingSince);
        var disabled = Assert.Single(report.Events);
        Assert.Equal((OperationalEvents.EndpointDisabled, OperationalEvents.SourceId, "ten_a"), (disabled.EventType, disabled.SourceId, disabled.TenantId));
        Assert.Equal("sub_a", Data(disabled).GetProperty("subscriptionId").GetString());
        Assert.Equal(stored.Health.DisabledReason, Data(disabled).GetProperty("reason").GetString());
        Assert.Equal(Start, Data(disabled).GetProperty("failingSince").GetDateTimeOffset());
    }

    [Fact]
    public async Task AutoDisableAfterZero_NeverDisables()
    {
        var tracker = new EndpointHealthTracker(_store, new DeliveryOptions { AutoDisableAfter = TimeSpan.Zero }, _time);
        var job = await JobAsync();
        await tracker.RecordAsync(job, Attempt(job, DeliveryStatus.Failed));
        _time.Advance(TimeSpan.FromDays(365));

        var report = await tracker.RecordAsync(job, Attempt(job, DeliveryStatus.Failed));

        Assert.False(report.Disabled);
        Assert.True((await StoredAsync()).Active);
    }

    [Fact]
    public async Task NthConsecutiveFailureOfADelivery_EmitsAttemptFailingOnce()
    {
        var second = await RecordAsync(DeliveryStatus.Failed, retryIndex: 1);
        var third = await RecordAsync(DeliveryStatus.Failed, retryIndex: 2);
        var fourth = await RecordAsync(DeliveryStatus.Failed, retryIndex: 3);

        Assert.Empty(second.Events);
        Assert.Empty(fourth.Events);
        var failing = Assert.Single(third.Events);
        Assert.Equal(OperationalEvents.AttemptFailing, failing.EventType);
        var data = Data(failing);
        Assert.Equal(("dlv_1", "evt_dlv_1", "invoice.paid", 3, 503, "HTTP 503"),
            (data.GetProperty("deliveryId").GetString(), data.GetProperty("eventId").GetString(), data.GetProperty("eventType").GetString(),
             data.GetProperty("attempt").GetInt32(), data.GetProperty("statusCode").GetInt32(), data.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task DeadLettered_EmitsDeliveryExhaustedWithAStableId()
    {
        var job = await JobAsync(retryIndex: 7);
        var attempt = Attempt(job, DeliveryStatus.Dead);

        var first = await _tracker.RecordAsync(job, attempt);
        var again = await _tracker.RecordAsync(job, attempt);

        var exhausted = Assert.Single(first.Events);
        Assert.Equal(OperationalEvents.DeliveryExhausted, exhausted.EventType);
        Assert.Equal(exhausted.Id, Assert.Single(again.Events).Id);
        Assert.Equal("{\"type\":\"webhookhub.delivery.exhausted\",\"timestamp\":\"2026-11-21T12:00:00+00:00\",\"data\":{\"subscriptionId\":\"sub_a\"," +
            "\"deliveryId\":\"dlv_1\",\"eventId\":\"evt_dlv_1\",\"eventType\":\"invoice.paid\",\"attempt\":8,\"statusCode\":503,\"reason\":\"HTTP 503\"," +
            "\"attemptedAt\":\"2026-11-21T12:00:00+00:00\"}}", System.Text.Encoding.UTF8.GetString(exhausted.Payload.Span));
    }

    [Fact]
    public async Task SuccessAfterAtLeastNFailures_EmitsEndpointRecovered()
    {
        for (var i = 0; i < 3; i++) await RecordAsync(DeliveryStatus.Failed, $"dlv_{i}");
        _time.Advance(TimeSpan.FromHours(1));

        var report = await RecordAsync(DeliveryStatus.Succeeded, "dlv_ok");

        Assert.True(report.Recovered);
        var recovered = Assert.Single(report.Events);
        Assert.Equal(OperationalEvents.EndpointRecovered, recovered.EventType);
        Assert.Equal((Start, 3, Start.AddHours(1)),
            (Data(recovered).GetProperty("failingSince").GetDateTimeOffset(), Data(recovered).GetProperty("failedAttempts").GetInt32(),
             Data(recovered).GetProperty("recoveredAt").GetDateTimeOffset()));
    }

    [Fact]
    public async Task SuccessAfterFewerFailures_NoRecoveredEvent()
    {
        for (var i = 0; i < 2; i++) await RecordAsync(DeliveryStatus.Failed, $"dlv_{i}");

        var report = await RecordAsync(DeliveryStatus.Succeeded, "dlv_ok");

        Assert.False(report.Recovered);
        Assert.Empty(report.Events);
    }

    [Fact]
    public async Task AttemptOfAnOperationalEvent_CountsForHealthButEmitsNothing()
    {
        await RecordAsync(DeliveryStatus.Failed, retryIndex: 2, sourceId: OperationalEvents.SourceId);
        _time.Advance(TimeSpan.FromDays(6));

        var dead = await RecordAsync(DeliveryStatus.Dead, retryIndex: 7, sourceId: OperationalEvents.SourceId);

        Assert.True(dead.Disabled);
        Assert.Empty(dead.Events);
        Assert.False((await StoredAsync()).Active);
    }

    [Fact]
    public async Task DisabledByAnotherRuleDuringTheAttempt_EmitsEndpointDisabledWithItsReason()
    {
        var job = await JobAsync();
        var attempt = Attempt(job, DeliveryStatus.Dead);
        var health = (await StoredAsync()).Health.MarkDisabled("endpoint answered HTTP 410 Gone", _time.GetUtcNow());
        await _store.UpdateSubscriptionHealthAsync("ten_a", "sub_a", false, health);

        var report = await _tracker.RecordAsync(job, attempt);

        Assert.Equal([OperationalEvents.DeliveryExhausted, OperationalEvents.EndpointDisabled], report.Events.Select(e => e.EventType));
        Assert.Equal("endpoint answered HTTP 410 Gone", Data(report.Events[1]).GetProperty("reason").GetString());
    }
}
