using Microsoft.Data.Sqlite;
using WebhookHub.Delivery;
using WebhookHub.Ingestion;
using WebhookHub.Storage.Sqlite;
using WebhookHub.Tenancy;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Storage;

/// <summary>Attempts recorded concurrently share group commits, and each is durable when its call returns.</summary>
public sealed class AttemptGroupCommitTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
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
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
    }

    [Fact]
    public async Task RecordAttemptAsync_ManyAtOnce_EveryAttemptStoredAndSurvivesReopen()
    {
        var subscription = new Subscription(ApiKeys.NewId("sub"), "ten_a", "https://example.com/h", ["*"], [], ApiKeys.CreateSigningSecret(), true, Now);
        await _store.CreateSubscriptionAsync(subscription);
        var events = Enumerable.Range(0, 200)
            .Select(i => new WebhookEvent(EventIds.ForEvent("src_1", "evt_" + i), "ten_a", "src_1", "evt_" + i, "t", null, "{}"u8.ToArray(), Now))
            .ToArray();
        foreach (var e in events) await _store.AppendAsync(e).DefaultTimeout();
        var pending = events.Select(e => WebhookDelivery.CreatePending(e, subscription.Id, Now)).ToList();
        await _store.CompleteDispatchAsync(events.Select(e => e.Id).ToList(), pending);
        var claimed = await _store.ClaimDueAsync(200, Now, TimeSpan.FromMinutes(1));

        await Task.WhenAll(claimed.Select((job, i) => Task.Run(() =>
        {
            var status = i % 2 == 0 ? DeliveryStatus.Succeeded : DeliveryStatus.Dead;
            var updated = job.Delivery with { Status = status, AttemptCount = 1, RetryIndex = 1, UpdatedAt = Now, LastError = status == DeliveryStatus.Dead ? "HTTP 500" : null };
            return _store.RecordAttemptAsync(updated, new DeliveryAttempt(job.Delivery.Id, 1, Now, 3, i % 2 == 0 ? 200 : 500, updated.LastError, null, status));
        }))).DefaultTimeout();
        await _store.DisposeAsync();
        _store = new SqliteWebhookStore(new SqliteStoreOptions { Path = _path });

        Assert.Equal(200, claimed.Count);
        Assert.Equal(100, (await _store.ListDeliveriesAsync("ten_a", new DeliveryQuery(DeliveryStatus.Succeeded, Limit: 1000))).Count);
        Assert.Equal(100, (await _store.ListDeadLettersAsync("ten_a", subscription.Id, 1000, null)).Count);
        Assert.All(claimed, job => Assert.Single(_store.ListAttemptsAsync("ten_a", job.Delivery.Id).Result));
        Assert.Empty(await _store.ClaimDueAsync(200, Now.AddHours(1), TimeSpan.FromMinutes(1)));
    }
}
