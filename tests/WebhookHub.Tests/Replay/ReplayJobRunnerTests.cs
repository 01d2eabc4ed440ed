using Microsoft.Data.Sqlite;
using WebhookHub.Delivery;
using WebhookHub.Ingestion;
using WebhookHub.Replay;
using WebhookHub.Storage.Sqlite;
using WebhookHub.Tenancy;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Replay;

/// <summary>Bulk replay jobs on the SQLite store: what a job counts and replays, its cursor, and its pacing on a fake clock.</summary>
public sealed class ReplayJobRunnerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly string _path = Path.Combine(Path.GetTempPath(), "webhookhub-tests", Guid.NewGuid().ToString("n"), "store.db");
    private readonly FakeTimeProvider _time = new(Now.AddHours(1));
    private SqliteWebhookStore _store = null!;
    private Subscription _subscription = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteWebhookStore(new SqliteStoreOptions { Path = _path });
        _subscription = new Subscription(ApiKeys.NewId("sub"), "ten_a", "https://example.com/h", ["*"], [], ApiKeys.CreateSigningSecret(), true, Now);
        await _store.CreateSubscriptionAsync(_subscription);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
    }

    [Fact]
    public void BatchSize_TenthOfRate_AtLeastOne()
    {
        Assert.Equal(1, ReplayJobRunner.BatchSize(1));
        Assert.Equal(1, ReplayJobRunner.BatchSize(10));
        Assert.Equal(5, ReplayJobRunner.BatchSize(ReplayDefaults.RatePerSecond));
        Assert.Equal(100, ReplayJobRunner.BatchSize(ReplayDefaults.MaxRatePerSecond));
    }

    [Fact]
    public async Task CreateReplayJobAsync_CountsOnlyMatchingStatusesSinceAndSubscription()
    {
        // Seconds 0–9 cycle dead, failed, succeeded, pending: dead at 0, 4, 8 and failed at 1, 5, 9.
        await SeedAsync(10, i => new[] { DeliveryStatus.Dead, DeliveryStatus.Failed, DeliveryStatus.Succeeded, DeliveryStatus.Pending }[i % 4]);
        var other = new Subscription(ApiKeys.NewId("sub"), "ten_a", "https://example.com/o", ["*"], [], ApiKeys.CreateSigningSecret(), true, Now);
        await _store.CreateSubscriptionAsync(other);
        var stray = Event("evt_other", 5);
        await _store.AppendAsync(stray).DefaultTimeout();
        await _store.CompleteDispatchAsync([stray.Id], [Delivery(stray, other, DeliveryStatus.Dead, 5)]);

        var both = await CreateJobAsync(Now, [DeliveryStatus.Failed, DeliveryStatus.Dead]);
        _time.Advance(TimeSpan.FromSeconds(1));
        var deadSince4 = await CreateJobAsync(Now.AddSeconds(4), [DeliveryStatus.Dead]);

        Assert.Equal(6, both.Total);
        Assert.Equal(2, deadSince4.Total);
        Assert.Equal(
            [Now.AddSeconds(4), Now.AddSeconds(8)],
            (await _store.ListReplayCandidatesAsync(deadSince4, 100)).Select(d => d.CreatedAt));
        var stored = await _store.GetReplayJobAsync("ten_a", both.Id);
        Assert.Equal(both with { Statuses = [] }, stored! with { Statuses = [] });
        Assert.Equal([DeliveryStatus.Failed, DeliveryStatus.Dead], stored.Statuses);
        Assert.Null(await _store.GetReplayJobAsync("ten_b", both.Id));
        Assert.Equal([both.Id, deadSince4.Id], (await _store.ListUnfinishedReplayJobsAsync()).Select(j => j.Id));
    }

    [Fact]
    public async Task ListReplayCandidatesAsync_AfterCursor_ExcludesDeliveriesCreatedAfterTheJob()
    {
        var events = await SeedAsync(5, _ => DeliveryStatus.Dead);
        var job = await CreateJobAsync(Now, [DeliveryStatus.Dead]);
        var late = Event("evt_late", 7200);
        await _store.AppendAsync(late).DefaultTimeout();
        await _store.CompleteDispatchAsync([late.Id], [Delivery(late, _subscription, DeliveryStatus.Dead, 7200)]);

        var first = await _store.ListReplayCandidatesAsync(job, 2);
        var rest = await _store.ListReplayCandidatesAsync(job with { CursorCreatedAt = first[^1].CreatedAt, CursorDeliveryId = first[^1].Id }, 100);

        Assert.Equal(events.Select(e => e.Id), first.Concat(rest).Select(d => d.EventId));
    }

    [Fact]
    public async Task RunAsync_Rate10_PacedOnTheClockThenDone()
    {
        await SeedAsync(25, _ => DeliveryStatus.Dead);
        var job = await CreateJobAsync(Now, [DeliveryStatus.Failed, DeliveryStatus.Dead], rate: 10);
        var runner = new ReplayJobRunner(_store, _store, _time);

        var run = runner.RunAsync(job);

        // One delivery at once, then the runner waits on the clock: 10 per second, in batches of one.
        await WaitUntilParkedAsync(run);
        Assert.Equal((ReplayJobStatus.Running, 1L), await ProgressAsync(job.Id));
        Assert.Single(await _store.ListDeliveriesAsync("ten_a", new DeliveryQuery(DeliveryStatus.Pending)));

        _time.Advance(TimeSpan.FromMilliseconds(950));
        await WaitUntilParkedAsync(run);
        Assert.Equal((ReplayJobStatus.Running, 10L), await ProgressAsync(job.Id));

        _time.Advance(TimeSpan.FromSeconds(1.05));
        await WaitUntilParkedAsync(run);
        Assert.Equal((ReplayJobStatus.Running, 21L), await ProgressAsync(job.Id));

        _time.Advance(TimeSpan.FromSeconds(1));
        var done = await run.DefaultTimeout();

        Assert.Equal((ReplayJobStatus.Done, 25L, 25L), (done.Status, done.Replayed, done.Total));
        Assert.Equal((ReplayJobStatus.Done, 25L), await ProgressAsync(job.Id));
        var pending = await _store.ListDeliveriesAsync("ten_a", new DeliveryQuery(DeliveryStatus.Pending, Limit: 1000));
        Assert.Equal(25, pending.Count);
        Assert.All(pending, d => Assert.Equal(0, d.RetryIndex));
        Assert.Equal(15, pending.Count(d => d.NextAttemptAt > Now.AddHours(1).AddSeconds(1)));
    }

    [Fact]
    public async Task RunAsync_Resumed_ContinuesAfterCursorWithoutReplayingAgain()
    {
        await SeedAsync(6, _ => DeliveryStatus.Dead);
        var job = await CreateJobAsync(Now, [DeliveryStatus.Dead], rate: 10);
        using (var stop = new CancellationTokenSource())
        {
            var run = new ReplayJobRunner(_store, _store, _time).RunAsync(job, stop.Token);
            await WaitUntilParkedAsync(run);
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run).DefaultTimeout();
        }

        var stopped = (await _store.ListUnfinishedReplayJobsAsync()).Single();
        Assert.Equal((ReplayJobStatus.Running, 1L), (stopped.Status, stopped.Replayed));

        var resumed = new ReplayJobRunner(_store, _store, _time).RunAsync(stopped);
        _time.Advance(TimeSpan.FromSeconds(10));
        var done = await resumed.DefaultTimeout();

        Assert.Equal((ReplayJobStatus.Done, 6L), (done.Status, done.Replayed));
        Assert.Empty(await _store.ListUnfinishedReplayJobsAsync());
    }

    /// <summary>Waits until the runner awaits its pacing delay (its timer is the only one on this clock) or has finished.</summary>
    private async Task WaitUntilParkedAsync(Task run) =>
        await TaskTimeouts.Eventually(() => Task.FromResult(_time.PendingTimers == 1 || run.IsCompleted), "the runner waits for its next batch");

    private async Task<(ReplayJobStatus, long)> ProgressAsync(string jobId) =>
        await _store.GetReplayJobAsync("ten_a", jobId) is { } job ? (job.Status, job.Replayed) : throw new InvalidOperationException("no job");

    private Task<ReplayJob> CreateJobAsync(DateTimeOffset since, DeliveryStatus[] statuses, int rate = 10) =>
        _store.CreateReplayJobAsync(ReplayJob.CreateQueued(ApiKeys.NewId("rpl"), "ten_a", _subscription.Id, since, statuses, rate, _time.GetUtcNow()));

    private async Task<WebhookEvent[]> SeedAsync(int count, Func<int, DeliveryStatus> status)
    {
        var events = Enumerable.Range(0, count).Select(i => Event("evt_" + i, i)).ToArray();
        foreach (var e in events) await _store.AppendAsync(e).DefaultTimeout();
        await _store.CompleteDispatchAsync(events.Select(e => e.Id).ToList(), events.Select((e, i) => Delivery(e, _subscription, status(i), i)).ToList());
        return events;
    }

    private static WebhookEvent Event(string providerId, int second) =>
        new(EventIds.ForEvent("src_1", providerId), "ten_a", "src_1", providerId, "invoice.paid", "application/json", "{}"u8.ToArray(), Now.AddSeconds(second));

    private static WebhookDelivery Delivery(WebhookEvent e, Subscription s, DeliveryStatus status, int second) =>
        new(EventIds.ForDelivery(e.Id, s.Id), s.TenantId, e.Id, s.Id, status, 3, 3, Now.AddSeconds(second), Now.AddSeconds(second),
            Now.AddSeconds(second), status == DeliveryStatus.Succeeded ? 200 : 503, status == DeliveryStatus.Succeeded ? null : "HTTP 503");
}
