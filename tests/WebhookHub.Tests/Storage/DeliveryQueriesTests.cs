using Microsoft.Data.Sqlite;
using WebhookHub.Delivery;
using WebhookHub.Ingestion;
using WebhookHub.Storage.Sqlite;
using WebhookHub.Tenancy;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Storage;

/// <summary>The dead-letter list and the filtered delivery list of the SQLite store: order, keyset paging, tenant scope, index.</summary>
public sealed class DeliveryQueriesTests : IAsyncLifetime
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
    public async Task ListDeadLettersAsync_NewestFirst_PagedWithAfter()
    {
        var (a, _, events) = await SeedAsync();

        var first = await _store.ListDeadLettersAsync("ten_a", a.Id, 3, null);
        var second = await _store.ListDeadLettersAsync("ten_a", a.Id, 3, first[^1].DeliveryId);

        Assert.Equal([events[3].Id, events[2].Id, events[1].Id], first.Select(d => d.EventId));
        Assert.Equal([events[0].Id], second.Select(d => d.EventId));
        var newest = first[0];
        Assert.Equal(EventIds.ForDelivery(events[3].Id, a.Id), newest.DeliveryId);
        Assert.Equal("invoice.paid", newest.EventType);
        Assert.Equal("HTTP 503", newest.Reason);
        Assert.Equal(503, newest.LastStatusCode);
        Assert.Equal(8, newest.AttemptCount);
        Assert.Equal(Now.AddHours(3), newest.DeadLetteredAt);
        Assert.Equal(Now.AddSeconds(3), newest.CreatedAt);
    }

    [Fact]
    public async Task ListDeadLettersAsync_OtherTenantOrSubscription_Empty()
    {
        var (a, b, _) = await SeedAsync();

        Assert.Empty(await _store.ListDeadLettersAsync("ten_b", a.Id, 100, null));
        Assert.Single(await _store.ListDeadLettersAsync("ten_a", b.Id, 100, null));
        Assert.Empty(await _store.ListDeadLettersAsync("ten_a", a.Id, 100, "dlv_unknown"));
    }

    [Fact]
    public async Task ListDeliveriesAsync_Filters_CombineAndPage()
    {
        var (a, b, events) = await SeedAsync();

        Assert.Equal(4, (await _store.ListDeliveriesAsync("ten_a", new DeliveryQuery(DeliveryStatus.Dead, a.Id))).Count);
        Assert.Equal(5, (await _store.ListDeliveriesAsync("ten_a", new DeliveryQuery(SubscriptionId: a.Id))).Count);
        Assert.Equal(new[] { a.Id, b.Id }.Order(), (await _store.ListDeliveriesAsync("ten_a", new DeliveryQuery(EventId: events[0].Id))).Select(d => d.SubscriptionId).Order());
        Assert.Empty(await _store.ListDeliveriesAsync("ten_b", new DeliveryQuery(SubscriptionId: a.Id)));

        var pages = new List<string>();
        string? after = null;
        do
        {
            var page = await _store.ListDeliveriesAsync("ten_a", new DeliveryQuery(Limit: 2, AfterDeliveryId: after));
            pages.AddRange(page.Select(d => d.Id));
            after = page.Count == 2 ? page[^1].Id : null;
        }
        while (after is not null);

        var all = await _store.ListDeliveriesAsync("ten_a", new DeliveryQuery(Limit: 1000));
        Assert.Equal(6, pages.Count);
        Assert.Equal(all.Select(d => d.Id), pages);
    }

    [Fact]
    public void DeadLetterQuery_Plan_UsesPartialIndex()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + SqliteWebhookStore.DeadLettersSql;
        command.Parameters.AddWithValue("$subscription", "sub_1");
        command.Parameters.AddWithValue("$tenant", "ten_a");
        command.Parameters.AddWithValue("$limit", 100);
        var plan = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read()) plan.Add(reader.GetString(3));
        }

        Assert.Contains(plan, step => step.Contains("deliveries_dead_by_subscription", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    /// <summary>
    /// Tenant A's subscription a: events 0–3 dead (created one second apart), event 4 succeeded; subscription b: event 0 dead;
    /// tenant B has nothing.
    /// </summary>
    private async Task<(Subscription A, Subscription B, WebhookEvent[] Events)> SeedAsync()
    {
        var a = await SubscriptionAsync();
        var b = await SubscriptionAsync();
        var events = Enumerable.Range(0, 5).Select(i => Event("evt_" + i, Now.AddSeconds(i))).ToArray();
        foreach (var e in events) await _store.AppendAsync(e).DefaultTimeout();
        var deliveries = events.Select((e, i) => Delivery(e, a, i < 4 ? DeliveryStatus.Dead : DeliveryStatus.Succeeded, i)).ToList();
        deliveries.Add(Delivery(events[0], b, DeliveryStatus.Dead, 0));
        await _store.CompleteDispatchAsync(events.Select(e => e.Id).ToList(), deliveries);
        return (a, b, events);
    }

    private async Task<Subscription> SubscriptionAsync()
    {
        var subscription = new Subscription(ApiKeys.NewId("sub"), "ten_a", "https://example.com/h", ["*"], [], ApiKeys.CreateSigningSecret(), true, Now);
        await _store.CreateSubscriptionAsync(subscription);
        return subscription;
    }

    private static WebhookEvent Event(string providerId, DateTimeOffset at) =>
        new(EventIds.ForEvent("src_1", providerId), "ten_a", "src_1", providerId, "invoice.paid", "application/json", "{}"u8.ToArray(), at);

    internal static WebhookDelivery Delivery(WebhookEvent e, Subscription s, DeliveryStatus status, int second) =>
        new(EventIds.ForDelivery(e.Id, s.Id), s.TenantId, e.Id, s.Id, status, 8, 8, Now.AddSeconds(second), Now.AddSeconds(second),
            Now.AddHours(second), status == DeliveryStatus.Succeeded ? 200 : 503, status == DeliveryStatus.Succeeded ? null : "HTTP 503");
}
