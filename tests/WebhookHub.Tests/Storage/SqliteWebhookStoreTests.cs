using WebhookHub.Delivery;
using WebhookHub.Ingestion;
using WebhookHub.Storage.Sqlite;
using WebhookHub.Tenancy;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Storage;

public sealed class SqliteWebhookStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly string _path = Path.Combine(Path.GetTempPath(), "webhookhub-tests", Guid.NewGuid().ToString("n"), "store.db");
    private SqliteWebhookStore _store = null!;

    public Task InitializeAsync()
    {
        _store = Open();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
    }

    private SqliteWebhookStore Open() => new(new SqliteStoreOptions { Path = _path });

    private static WebhookEvent Event(string providerId, string tenant = "ten_a", string source = "src_1") =>
        new(EventIds.ForEvent(source, providerId), tenant, source, providerId, "invoice.paid", "application/json", "{\"a\":1}"u8.ToArray(), Now);

    private async Task<Subscription> SubscriptionAsync(string tenant = "ten_a")
    {
        var subscription = new Subscription(ApiKeys.NewId("sub"), tenant, "https://example.com/h", ["*"], [], ApiKeys.CreateSigningSecret(), true, Now);
        await _store.CreateSubscriptionAsync(subscription);
        return subscription;
    }

    [Fact]
    public async Task AppendAsync_ConcurrentSameEvent_InsertedExactlyOnce()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => _store.AppendAsync(Event("evt_1"))))).DefaultTimeout();

        Assert.Equal(1, results.Count(inserted => inserted));
        Assert.Single(await _store.ListEventsAsync("ten_a", 100, null));
    }

    [Fact]
    public async Task AppendAsync_SurvivesReopen()
    {
        await _store.AppendAsync(Event("evt_1")).DefaultTimeout();
        await _store.DisposeAsync();
        _store = Open();

        var stored = await _store.GetEventAsync("ten_a", EventIds.ForEvent("src_1", "evt_1"));

        Assert.NotNull(stored);
        Assert.Equal("{\"a\":1}"u8.ToArray(), stored.Payload.ToArray());
        Assert.False(await _store.AppendAsync(Event("evt_1")).DefaultTimeout());
    }

    [Fact]
    public async Task GetEventAsync_OtherTenant_Null()
    {
        await _store.AppendAsync(Event("evt_1")).DefaultTimeout();
        Assert.Null(await _store.GetEventAsync("ten_b", EventIds.ForEvent("src_1", "evt_1")));
    }

    [Fact]
    public async Task ClaimAsync_OldestFirstAndAgainUntilCompleted()
    {
        foreach (var id in new[] { "evt_1", "evt_2", "evt_3" }) await _store.AppendAsync(Event(id)).DefaultTimeout();

        var first = await _store.ClaimAsync(2, Now, TimeSpan.FromMinutes(1));
        var again = await _store.ClaimAsync(2, Now, TimeSpan.FromMinutes(1));
        await _store.CompleteDispatchAsync(first.Select(e => e.Id).ToList(), []);
        var rest = await _store.ClaimAsync(2, Now, TimeSpan.FromMinutes(1));
        await _store.DisposeAsync();
        _store = Open();
        var afterReopen = await _store.ClaimAsync(2, Now, TimeSpan.FromMinutes(1));

        Assert.Equal(["evt_1", "evt_2"], first.Select(e => e.ProviderEventId));
        Assert.Equal(first.Select(e => e.Id), again.Select(e => e.Id));
        Assert.Equal(["evt_3"], rest.Select(e => e.ProviderEventId));
        Assert.Equal(["evt_3"], afterReopen.Select(e => e.ProviderEventId));
    }

    [Fact]
    public async Task Reopen_ReleasesDeliveryLeasesOfTheGoneProcess()
    {
        var e = Event("evt_1");
        await _store.AppendAsync(e).DefaultTimeout();
        var subscription = await SubscriptionAsync();
        await _store.CompleteDispatchAsync([e.Id], [WebhookDelivery.CreatePending(e, subscription.Id, Now)]);
        Assert.Single(await _store.ClaimDueAsync(10, Now, TimeSpan.FromMinutes(10)));
        Assert.Empty(await _store.ClaimDueAsync(10, Now, TimeSpan.FromMinutes(10)));
        await _store.DisposeAsync();
        _store = Open();

        Assert.Single(await _store.ClaimDueAsync(10, Now, TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public async Task ListEventsAsync_PagesThroughEventsSharingATimestamp_EachOnce()
    {
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => _store.AppendAsync(Event($"evt_{i}")))).DefaultTimeout();

        var seen = new List<string>();
        string? after = null;
        for (var page = 0; page < 10; page++)
        {
            var events = await _store.ListEventsAsync("ten_a", 3, after);
            if (events.Count == 0) break;
            seen.AddRange(events.Select(e => e.Id));
            after = events[^1].Id;
        }

        Assert.Equal(10, seen.Count);
        Assert.Equal(10, seen.Distinct().Count());
        Assert.Empty(await _store.ListEventsAsync("ten_b", 3, seen[0]));
    }

    [Fact]
    public async Task CompleteDispatchAsync_MarksDispatchedAndIgnoresExistingDeliveries()
    {
        var e = Event("evt_1");
        await _store.AppendAsync(e).DefaultTimeout();
        var subscription = await SubscriptionAsync();
        var delivery = WebhookDelivery.CreatePending(e, subscription.Id, Now);

        await _store.CompleteDispatchAsync([e.Id], [delivery]);
        await _store.CompleteDispatchAsync([e.Id], [delivery]);

        Assert.Empty(await _store.ClaimAsync(10, Now.AddDays(1), TimeSpan.FromMinutes(1)));
        Assert.Single(await _store.ListDeliveriesAsync("ten_a", null, 100));
    }

    [Fact]
    public async Task ClaimDueAsync_RespectsDueTimeAndLease_ReturnsEventAndSubscription()
    {
        var e = Event("evt_1");
        await _store.AppendAsync(e).DefaultTimeout();
        var subscription = await SubscriptionAsync();
        var delivery = WebhookDelivery.CreatePending(e, subscription.Id, Now.AddSeconds(10));
        await _store.CompleteDispatchAsync([e.Id], [delivery]);

        Assert.Empty(await _store.ClaimDueAsync(10, Now, TimeSpan.FromMinutes(1)));
        var job = Assert.Single(await _store.ClaimDueAsync(10, Now.AddSeconds(10), TimeSpan.FromMinutes(1)));
        Assert.Empty(await _store.ClaimDueAsync(10, Now.AddSeconds(20), TimeSpan.FromMinutes(1)));

        Assert.Equal(e.Payload.ToArray(), job.Event.Payload.ToArray());
        Assert.Equal(subscription.Secret, job.Subscription.Secret);
    }

    [Fact]
    public async Task RecordAttemptAsync_ReleasesLeaseAndStoresAttempt_ReplayResetsSchedule()
    {
        var e = Event("evt_1");
        await _store.AppendAsync(e).DefaultTimeout();
        var subscription = await SubscriptionAsync();
        await _store.CompleteDispatchAsync([e.Id], [WebhookDelivery.CreatePending(e, subscription.Id, Now)]);
        var job = Assert.Single(await _store.ClaimDueAsync(10, Now, TimeSpan.FromMinutes(1)));
        var dead = job.Delivery with { Status = DeliveryStatus.Dead, AttemptCount = 1, RetryIndex = 1, LastStatusCode = 500, LastError = "HTTP 500" };

        await _store.RecordAttemptAsync(dead, new DeliveryAttempt(dead.Id, 1, Now, 12, 500, "HTTP 500", "oops", DeliveryStatus.Dead));
        await _store.ReplayAsync([dead], Now.AddHours(1));

        var replayed = await _store.GetDeliveryAsync("ten_a", dead.Id);
        Assert.Equal(DeliveryStatus.Pending, replayed!.Status);
        Assert.Equal(0, replayed.RetryIndex);
        Assert.Equal(1, replayed.AttemptCount);
        Assert.Equal(Now.AddHours(1), replayed.NextAttemptAt);
        var attempt = Assert.Single(await _store.ListAttemptsAsync("ten_a", dead.Id));
        Assert.Equal(("HTTP 500", "oops", 12L), (attempt.Error, attempt.ResponseBody, attempt.DurationMilliseconds));
        Assert.Null(await _store.GetDeliveryAsync("ten_b", dead.Id));
    }

    [Fact]
    public async Task Open_FileWithoutSubscriptionSettingsColumns_AddsThemAndKeepsRows()
    {
        var subscription = await SubscriptionAsync();
        await _store.DisposeAsync();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "ALTER TABLE subscriptions DROP COLUMN settings; ALTER TABLE subscriptions DROP COLUMN health;";
            command.ExecuteNonQuery();
        }

        _store = Open();
        var reopened = Assert.Single(await _store.ListSubscriptionsAsync("ten_a"));

        Assert.Equal(subscription.Url, reopened.Url);
        Assert.False(await _store.UpdateSubscriptionHealthAsync("ten_b", subscription.Id, false, new SubscriptionHealth()));
        Assert.True(await _store.UpdateSubscriptionHealthAsync("ten_a", subscription.Id, false, new SubscriptionHealth()));
        Assert.False((await _store.GetSubscriptionAsync("ten_a", subscription.Id))!.Active);
    }

    [Fact]
    public async Task CompleteDispatchAsync_LaterEventOutOfOrder_EarlierOneStillClaimed()
    {
        // The Functions host dispatches events by ID, in any order; the cursor must not skip the earlier, undispatched ones.
        foreach (var id in new[] { "evt_1", "evt_2", "evt_3" }) await _store.AppendAsync(Event(id)).DefaultTimeout();
        var third = EventIds.ForEvent("src_1", "evt_3");

        await _store.CompleteDispatchAsync([third], []);
        var claimed = await _store.ClaimAsync(10, Now, TimeSpan.FromMinutes(1));
        await _store.CompleteDispatchAsync(claimed.Select(e => e.Id).ToList(), []);

        Assert.Equal(["evt_1", "evt_2", "evt_3"], claimed.Select(e => e.ProviderEventId));
        Assert.Empty(await _store.ClaimAsync(10, Now, TimeSpan.FromMinutes(1)));
    }
}
