using WebhookHub.Delivery;
using WebhookHub.Ingestion;
using WebhookHub.Storage.Sqlite;
using WebhookHub.Tenancy;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Delivery;

/// <summary>The SQLite store's fair claim: caps per subscription, the worker's limits, rotation across tenants and subscriptions; defer and dead-letter.</summary>
public sealed class FairClaimTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly string _path = Path.Combine(Path.GetTempPath(), "webhookhub-tests", Guid.NewGuid().ToString("n"), "store.db");
    private SqliteWebhookStore _store = null!;
    private int _events;

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

    private async Task<Subscription> SubscriptionAsync(string tenant, int? maxConcurrency = null)
    {
        var subscription = new Subscription(ApiKeys.NewId("sub"), tenant, "https://example.com/h", ["*"], [], ApiKeys.CreateSigningSecret(), true, Now)
        {
            Settings = new SubscriptionSettings { MaxConcurrency = maxConcurrency },
        };
        await _store.CreateSubscriptionAsync(subscription);
        return subscription;
    }

    /// <summary>Adds <paramref name="count"/> deliveries to the subscription, due one millisecond apart, the last at <paramref name="dueBy"/>.</summary>
    private async Task<List<WebhookDelivery>> DeliveriesAsync(Subscription subscription, int count, DateTimeOffset dueBy)
    {
        var deliveries = new List<WebhookDelivery>();
        for (var i = 0; i < count; i++)
        {
            var providerId = $"evt_{Interlocked.Increment(ref _events)}";
            var e = new WebhookEvent(EventIds.ForEvent("src_1", providerId), subscription.TenantId, "src_1", providerId, "invoice.paid", "application/json", "{}"u8.ToArray(), Now);
            await _store.AppendAsync(e).DefaultTimeout();
            var delivery = WebhookDelivery.CreatePending(e, subscription.Id, dueBy.AddMilliseconds(i - count + 1));
            await _store.CompleteDispatchAsync([e.Id], [delivery]);
            deliveries.Add(delivery);
        }

        return deliveries;
    }

    [Fact]
    public async Task ClaimDueAsync_OneSubscriptionsOlderBacklog_OtherTenantClaimedInTheSameRound()
    {
        var slow = await SubscriptionAsync("ten_a");
        var healthy = await SubscriptionAsync("ten_b");
        await DeliveriesAsync(slow, 50, Now.AddMinutes(-10));
        await DeliveriesAsync(healthy, 3, Now);

        var jobs = await _store.ClaimDueAsync(new DeliveryClaim(8, Now, Lease));

        Assert.Equal(
            [slow.Id, healthy.Id, slow.Id, healthy.Id, slow.Id, healthy.Id, slow.Id, slow.Id],
            jobs.Select(j => j.Delivery.SubscriptionId));
        var slowDue = jobs.Where(j => j.Delivery.SubscriptionId == slow.Id).Select(j => j.Delivery.NextAttemptAt).ToList();
        Assert.Equal(slowDue.Order(), slowDue);
    }

    [Fact]
    public async Task ClaimDueAsync_Backlog_NeverMoreThanTheDefaultCapPerSubscription()
    {
        var slow = await SubscriptionAsync("ten_a");
        await DeliveriesAsync(slow, 30, Now);

        var first = await _store.ClaimDueAsync(new DeliveryClaim(64, Now, Lease) { DefaultMaxConcurrencyPerSubscription = 4 });
        var second = await _store.ClaimDueAsync(new DeliveryClaim(64, Now, Lease)
        {
            DefaultMaxConcurrencyPerSubscription = 4,
            InFlight = new Dictionary<string, int> { [slow.Id] = 3 },
        });

        Assert.Equal(4, first.Count);
        Assert.Single(second);
        Assert.Empty(first.Select(j => j.Delivery.Id).Intersect(second.Select(j => j.Delivery.Id)));
    }

    [Fact]
    public async Task ClaimDueAsync_SubscriptionSetsMaxConcurrency_ItsCapWins()
    {
        var capped = await SubscriptionAsync("ten_a", maxConcurrency: 2);
        await DeliveriesAsync(capped, 10, Now);

        var jobs = await _store.ClaimDueAsync(new DeliveryClaim(64, Now, Lease) { DefaultMaxConcurrencyPerSubscription = 10 });

        Assert.Equal(2, jobs.Count);
    }

    [Fact]
    public async Task ClaimDueAsync_LimitZeroOrOne_HoldsBackOrAllowsOneProbe()
    {
        var open = await SubscriptionAsync("ten_a");
        var probing = await SubscriptionAsync("ten_a");
        var other = await SubscriptionAsync("ten_b");
        await DeliveriesAsync(open, 5, Now);
        await DeliveriesAsync(probing, 5, Now);
        await DeliveriesAsync(other, 2, Now);

        var jobs = await _store.ClaimDueAsync(new DeliveryClaim(64, Now, Lease)
        {
            Limits = new Dictionary<string, int> { [open.Id] = 0, [probing.Id] = 1 },
        });

        Assert.DoesNotContain(jobs, j => j.Delivery.SubscriptionId == open.Id);
        Assert.Single(jobs, j => j.Delivery.SubscriptionId == probing.Id);
        Assert.Equal(2, jobs.Count(j => j.Delivery.SubscriptionId == other.Id));
    }

    [Fact]
    public async Task ClaimDueAsync_TenantWithManySubscriptions_TenantsTakeTurnsFirst()
    {
        var manyA = await SubscriptionAsync("ten_a");
        var manyB = await SubscriptionAsync("ten_a");
        var manyC = await SubscriptionAsync("ten_a");
        var single = await SubscriptionAsync("ten_b");
        await DeliveriesAsync(manyA, 3, Now.AddSeconds(-4));
        await DeliveriesAsync(manyB, 3, Now.AddSeconds(-3));
        await DeliveriesAsync(manyC, 3, Now.AddSeconds(-2));
        await DeliveriesAsync(single, 3, Now.AddSeconds(-1));

        var jobs = await _store.ClaimDueAsync(new DeliveryClaim(6, Now, Lease));

        Assert.Equal([manyA.Id, single.Id, manyB.Id, single.Id, manyC.Id, single.Id], jobs.Select(j => j.Delivery.SubscriptionId));
    }

    [Fact]
    public async Task ClaimDueAsync_LeasedOrNotYetDue_Skipped()
    {
        var subscription = await SubscriptionAsync("ten_a");
        await DeliveriesAsync(subscription, 2, Now);
        await DeliveriesAsync(subscription, 2, Now.AddMinutes(1));

        var first = await _store.ClaimDueAsync(new DeliveryClaim(64, Now, Lease));
        var again = await _store.ClaimDueAsync(new DeliveryClaim(64, Now, Lease) { InFlight = new Dictionary<string, int> { [subscription.Id] = 2 } });
        var later = await _store.ClaimDueAsync(new DeliveryClaim(64, Now.AddMinutes(1), Lease) { InFlight = new Dictionary<string, int> { [subscription.Id] = 2 } });

        Assert.Equal(2, first.Count);
        Assert.Empty(again);
        Assert.Equal(2, later.Count);
        Assert.Empty(first.Select(j => j.Delivery.Id).Intersect(later.Select(j => j.Delivery.Id)));
    }

    [Fact]
    public async Task DeferAsync_ReleasesLeaseKeepsAttemptsAndSchedule()
    {
        var subscription = await SubscriptionAsync("ten_a");
        await DeliveriesAsync(subscription, 1, Now);
        var job = Assert.Single(await _store.ClaimDueAsync(new DeliveryClaim(10, Now, Lease)));
        var failed = job.Delivery with { Status = DeliveryStatus.Failed, AttemptCount = 2, RetryIndex = 2, NextAttemptAt = Now };
        await _store.RecordAttemptAsync(failed, new DeliveryAttempt(failed.Id, 2, Now, 1, 503, "HTTP 503", null, DeliveryStatus.Failed));
        Assert.Single(await _store.ClaimDueAsync(new DeliveryClaim(10, Now, Lease)));

        Assert.True(await _store.DeferAsync("ten_a", failed.Id, Now.AddSeconds(30)));

        Assert.Empty(await _store.ClaimDueAsync(new DeliveryClaim(10, Now.AddSeconds(29), Lease)));
        var again = Assert.Single(await _store.ClaimDueAsync(new DeliveryClaim(10, Now.AddSeconds(30), Lease)));
        Assert.Equal((DeliveryStatus.Failed, 2, 2, Now.AddSeconds(30)), (again.Delivery.Status, again.Delivery.AttemptCount, again.Delivery.RetryIndex, again.Delivery.NextAttemptAt));
        Assert.Single(await _store.ListAttemptsAsync("ten_a", failed.Id));
    }

    [Fact]
    public async Task DeadLetterAsync_WaitingDelivery_DeadWithReasonAndNoAttempt()
    {
        var subscription = await SubscriptionAsync("ten_a");
        var delivery = (await DeliveriesAsync(subscription, 1, Now))[0];

        Assert.True(await _store.DeadLetterAsync("ten_a", delivery.Id, "endpoint disabled", Now.AddSeconds(1)));
        Assert.False(await _store.DeadLetterAsync("ten_a", delivery.Id, "again", Now.AddSeconds(2)));
        Assert.False(await _store.DeferAsync("ten_a", delivery.Id, Now.AddSeconds(3)));

        var dead = await _store.GetDeliveryAsync("ten_a", delivery.Id);
        Assert.Equal((DeliveryStatus.Dead, "endpoint disabled", 0), (dead!.Status, dead.LastError, dead.AttemptCount));
        Assert.Empty(await _store.ListAttemptsAsync("ten_a", delivery.Id));
        Assert.Empty(await _store.ClaimDueAsync(new DeliveryClaim(10, Now.AddHours(1), Lease)));
    }
}
