using WebhookHub.Delivery;
using WebhookHub.Ingestion;
using WebhookHub.Storage.Sqlite;
using WebhookHub.Tenancy;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.CustomHandler;

/// <summary><see cref="IDeliveryStore.ClaimByIdAsync"/> on the SQLite store: what the <c>deliver</c> function leases by.</summary>
public sealed class ClaimByIdTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private readonly string _path = Path.Combine(Path.GetTempPath(), "webhookhub-tests", Guid.NewGuid().ToString("n"), "store.db");
    private SqliteWebhookStore _store = null!;

    public Task InitializeAsync()
    {
        _store = new SqliteWebhookStore(new SqliteStoreOptions { Path = _path });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
    }

    private async Task<WebhookDelivery> PendingDeliveryAsync()
    {
        var subscription = new Subscription(ApiKeys.NewId("sub"), "ten_a", "https://example.com/h", ["*"], [], ApiKeys.CreateSigningSecret(), true, Now);
        await _store.CreateSubscriptionAsync(subscription);
        var webhookEvent = new WebhookEvent(EventIds.ForEvent("src_1", "evt_1"), "ten_a", "src_1", "evt_1", "invoice.paid", "application/json", "{}"u8.ToArray(), Now);
        await _store.AppendAsync(webhookEvent).DefaultTimeout();
        var delivery = WebhookDelivery.CreatePending(webhookEvent, subscription.Id, Now);
        await _store.CompleteDispatchAsync([webhookEvent.Id], [delivery]);
        return delivery;
    }

    [Fact]
    public async Task ClaimByIdAsync_DuePending_ClaimedWithJobThenLeased()
    {
        var delivery = await PendingDeliveryAsync();

        var first = await _store.ClaimByIdAsync("ten_a", delivery.Id, Now, Lease);
        var second = await _store.ClaimByIdAsync("ten_a", delivery.Id, Now + TimeSpan.FromSeconds(30), Lease);
        var afterLease = await _store.ClaimByIdAsync("ten_a", delivery.Id, Now + Lease + TimeSpan.FromSeconds(1), Lease);

        Assert.Equal(ClaimByIdOutcome.Claimed, first.Outcome);
        Assert.Equal(delivery.Id, first.Job!.Delivery.Id);
        Assert.Equal("evt_1", first.Job.Event.ProviderEventId);
        Assert.Equal(delivery.SubscriptionId, first.Job.Subscription.Id);
        Assert.Equal(ClaimByIdOutcome.Leased, second.Outcome);
        Assert.Null(second.Job);
        Assert.Equal(ClaimByIdOutcome.Claimed, afterLease.Outcome);
    }

    [Fact]
    public async Task ClaimByIdAsync_LeasedDelivery_NotClaimedByClaimDue()
    {
        var delivery = await PendingDeliveryAsync();
        await _store.ClaimByIdAsync("ten_a", delivery.Id, Now, Lease);

        Assert.Empty(await _store.ClaimDueAsync(10, Now + TimeSpan.FromSeconds(1), Lease));
    }

    [Fact]
    public async Task ClaimByIdAsync_AttemptRecorded_TerminalOrNotDue()
    {
        var delivery = await PendingDeliveryAsync();
        await _store.ClaimByIdAsync("ten_a", delivery.Id, Now, Lease);
        var failed = delivery with { Status = DeliveryStatus.Failed, AttemptCount = 1, RetryIndex = 1, NextAttemptAt = Now.AddMinutes(5), UpdatedAt = Now };
        await _store.RecordAttemptAsync(failed, new DeliveryAttempt(delivery.Id, 1, Now, 5, 503, "HTTP 503", null, DeliveryStatus.Failed)).DefaultTimeout();

        var early = await _store.ClaimByIdAsync("ten_a", delivery.Id, Now.AddMinutes(1), Lease);
        var due = await _store.ClaimByIdAsync("ten_a", delivery.Id, Now.AddMinutes(5), Lease);
        var succeeded = failed with { Status = DeliveryStatus.Succeeded, AttemptCount = 2, RetryIndex = 2 };
        await _store.RecordAttemptAsync(succeeded, new DeliveryAttempt(delivery.Id, 2, Now.AddMinutes(5), 5, 200, null, null, DeliveryStatus.Succeeded)).DefaultTimeout();
        var done = await _store.ClaimByIdAsync("ten_a", delivery.Id, Now.AddMinutes(6), Lease);

        Assert.Equal(ClaimByIdOutcome.NotDue, early.Outcome);
        Assert.Equal(DeliveryStatus.Failed, early.Delivery!.Status);
        Assert.Equal(ClaimByIdOutcome.Claimed, due.Outcome);
        Assert.Equal(ClaimByIdOutcome.Terminal, done.Outcome);
        Assert.Equal(DeliveryStatus.Succeeded, done.Delivery!.Status);
    }

    [Fact]
    public async Task ClaimByIdAsync_AnotherTenantsDelivery_NotFoundAndNotLeased()
    {
        var delivery = await PendingDeliveryAsync();

        var foreign = await _store.ClaimByIdAsync("ten_b", delivery.Id, Now, Lease);
        var foreignEvent = await _store.FindEventAsync("ten_b", delivery.EventId);
        var own = await _store.ClaimByIdAsync("ten_a", delivery.Id, Now, Lease);

        Assert.Equal(ClaimByIdOutcome.NotFound, foreign.Outcome);
        Assert.Null(foreignEvent);
        Assert.Equal(ClaimByIdOutcome.Claimed, own.Outcome);
    }

    [Fact]
    public async Task ClaimByIdAsync_Unknown_NotFound()
    {
        var result = await _store.ClaimByIdAsync("ten_a", "dlv_missing", Now, Lease);

        Assert.Equal(ClaimByIdOutcome.NotFound, result.Outcome);
        Assert.Null(result.Delivery);
    }
}
