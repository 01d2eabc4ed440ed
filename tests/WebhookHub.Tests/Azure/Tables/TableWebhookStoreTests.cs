using WebhookHub.Azure.Messaging;
using WebhookHub.Azure.Tables;
using WebhookHub.Delivery;
using WebhookHub.Ingestion;
using WebhookHub.Replay;
using WebhookHub.Tenancy;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Azure.Tables;

/// <summary>
/// The Table Storage store against Azurite: the inbox duplicate, the outbox written with the event, listings in the SQLite store's
/// order, leases by ETag, attempts, dead letters, replay and tenant scoping. Each test uses tenants of its own.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableWebhookStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private readonly TableWebhookStore _store = new(azurite.ServiceClient);
    private readonly string _tenant = ApiKeys.NewId("ten");

    public async Task InitializeAsync()
    {
        await _store.CreateTablesAsync();
        await _store.CreateTenantAsync(new Tenant(_tenant, "Acme", Now), System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(_tenant)));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private WebhookEvent Event(string providerEventId, DateTimeOffset at, byte[]? payload = null, string tenant = "") =>
        new(EventIds.ForEvent("src_" + _tenant, providerEventId), tenant.Length > 0 ? tenant : _tenant, "src_" + _tenant, providerEventId,
            "invoice.paid", "application/json", payload ?? "{\"id\":1}"u8.ToArray(), at);

    private async Task<Subscription> SubscriptionAsync(string id = "sub_a")
    {
        var subscription = new Subscription(id, _tenant, "https://example.com/hook", ["*"], [], ApiKeys.CreateSigningSecret(), true, Now);
        await _store.CreateSubscriptionAsync(subscription).DefaultTimeout();
        return subscription;
    }

    private async Task<WebhookDelivery> PendingDeliveryAsync(string providerEventId = "evt_1")
    {
        var subscription = await SubscriptionAsync();
        var webhookEvent = Event(providerEventId, Now);
        await _store.AppendAsync(webhookEvent).DefaultTimeout();
        var delivery = WebhookDelivery.CreatePending(webhookEvent, subscription.Id, Now);
        await _store.CompleteDispatchAsync([webhookEvent.Id], [delivery]).DefaultTimeout();
        return delivery;
    }

    [Fact]
    public async Task AppendAsync_SameEventTwice_StoredOnceWithOneOutboxEntry()
    {
        var webhookEvent = Event("evt_dup", Now);
        var stored = new List<OutboxEntry>();
        ((IEventOutbox)_store).Stored += stored.Add;

        var first = await _store.AppendAsync(webhookEvent).DefaultTimeout();
        var second = await _store.AppendAsync(webhookEvent with { Payload = "{\"id\":2}"u8.ToArray() }).DefaultTimeout();

        Assert.True(first);
        Assert.False(second);
        var read = await _store.GetEventAsync(_tenant, webhookEvent.Id);
        Assert.Equal("{\"id\":1}", System.Text.Encoding.UTF8.GetString(read!.Payload.Span));
        Assert.Equal(webhookEvent with { Payload = read.Payload }, read);
        var entry = Assert.Single(stored);
        Assert.Equal((_tenant, webhookEvent.Id), (entry.TenantId, entry.EventId));
        var outbox = (await ((IEventOutbox)_store).ListAsync(Now.AddSeconds(1), 1000)).Where(e => e.TenantId == _tenant).ToList();
        Assert.Equal(webhookEvent.Id, Assert.Single(outbox).EventId);
    }

    [Fact]
    public async Task Outbox_RemovedEntry_NotListedAgain()
    {
        var webhookEvent = Event("evt_relay", Now);
        await _store.AppendAsync(webhookEvent).DefaultTimeout();
        var outbox = ((IEventOutbox)_store);
        var entry = (await outbox.ListAsync(Now.AddSeconds(1), 1000)).Single(e => e.TenantId == _tenant);

        await outbox.RemoveAsync(entry);
        await outbox.RemoveAsync(entry);

        Assert.DoesNotContain(await outbox.ListAsync(Now.AddSeconds(1), 1000), e => e.TenantId == _tenant);
        Assert.DoesNotContain(await outbox.ListAsync(Now, 1000), e => e.TenantId == _tenant);
        Assert.NotNull(await _store.GetEventAsync(_tenant, webhookEvent.Id));
    }

    [Fact]
    public async Task AppendAsync_LargestBody_RoundTripsAcrossChunks()
    {
        var payload = new byte[TableWebhookStore.MaxEventBytes];
        new Random(7).NextBytes(payload);
        var webhookEvent = Event("evt_big", Now, payload);

        await _store.AppendAsync(webhookEvent).DefaultTimeout();

        Assert.Equal(payload, (await _store.FindEventAsync(_tenant, webhookEvent.Id))!.Payload.ToArray());
        await Assert.ThrowsAsync<ArgumentException>(() => _store.AppendAsync(Event("evt_too_big", Now, new byte[TableWebhookStore.MaxEventBytes + 1])));
    }

    [Fact]
    public async Task ListEventsAsync_NewestFirstWithCursor_AndTenantScoped()
    {
        var events = Enumerable.Range(0, 5).Select(i => Event($"evt_{i}", Now.AddSeconds(i))).ToList();
        foreach (var e in events) await _store.AppendAsync(e).DefaultTimeout();

        var first = await _store.ListEventsAsync(_tenant, 2, null);
        var rest = await _store.ListEventsAsync(_tenant, 10, first[^1].Id);

        Assert.Equal(events.AsEnumerable().Reverse().Select(e => e.Id), first.Concat(rest).Select(e => e.Id));
        Assert.Empty(await _store.ListEventsAsync(ApiKeys.NewId("ten"), 10, null));
        Assert.Null(await _store.GetEventAsync(ApiKeys.NewId("ten"), events[0].Id));
        Assert.Null(await _store.GetEventAsync(_tenant, "evt_/../#?x"));
    }

    [Fact]
    public async Task CompleteDispatchAsync_Repeated_StoresEachDeliveryOnce()
    {
        var delivery = await PendingDeliveryAsync();
        var again = delivery with { NextAttemptAt = Now.AddMinutes(5), CreatedAt = Now.AddMinutes(5) };

        await _store.CompleteDispatchAsync([delivery.EventId], [again]).DefaultTimeout();

        var listed = Assert.Single(await _store.ListDeliveriesAsync(_tenant, new DeliveryQuery()));
        Assert.Equal(delivery, listed);
    }

    [Fact]
    public async Task ClaimByIdAsync_LeaseNotDueTerminalAndTenant()
    {
        var delivery = await PendingDeliveryAsync();

        var foreign = await _store.ClaimByIdAsync(ApiKeys.NewId("ten"), delivery.Id, Now, Lease);
        var first = await _store.ClaimByIdAsync(_tenant, delivery.Id, Now, Lease);
        var second = await _store.ClaimByIdAsync(_tenant, delivery.Id, Now.AddSeconds(30), Lease);
        var failed = delivery with { Status = DeliveryStatus.Failed, AttemptCount = 1, RetryIndex = 1, NextAttemptAt = Now.AddMinutes(5), UpdatedAt = Now, LastStatusCode = 503, LastError = "HTTP 503" };
        await _store.RecordAttemptAsync(failed, new DeliveryAttempt(delivery.Id, 1, Now, 12, 503, "HTTP 503", "busy", DeliveryStatus.Failed)
        {
            ResponseHeaders = new Dictionary<string, string> { ["Retry-After"] = "120" },
        }).DefaultTimeout();
        var early = await _store.ClaimByIdAsync(_tenant, delivery.Id, Now.AddMinutes(1), Lease);
        var due = await _store.ClaimByIdAsync(_tenant, delivery.Id, Now.AddMinutes(5), Lease);
        await _store.RecordAttemptAsync(failed with { Status = DeliveryStatus.Succeeded, AttemptCount = 2, LastStatusCode = 200, LastError = null },
            new DeliveryAttempt(delivery.Id, 2, Now.AddMinutes(5), 8, 200, null, null, DeliveryStatus.Succeeded)).DefaultTimeout();
        var done = await _store.ClaimByIdAsync(_tenant, delivery.Id, Now.AddMinutes(6), Lease);

        Assert.Equal(ClaimByIdOutcome.NotFound, foreign.Outcome);
        Assert.Equal(ClaimByIdOutcome.Claimed, first.Outcome);
        Assert.Equal("evt_1", first.Job!.Event.ProviderEventId);
        Assert.Equal("sub_a", first.Job.Subscription.Id);
        Assert.Equal(ClaimByIdOutcome.Leased, second.Outcome);
        Assert.Equal(ClaimByIdOutcome.NotDue, early.Outcome);
        Assert.Equal(failed, early.Delivery);
        Assert.Equal(ClaimByIdOutcome.Claimed, due.Outcome);
        Assert.Equal(ClaimByIdOutcome.Terminal, done.Outcome);
        var attempts = await _store.ListAttemptsAsync(_tenant, delivery.Id);
        Assert.Equal([1, 2], attempts.Select(a => a.AttemptNumber));
        Assert.Equal("120", attempts[0].ResponseHeaders!["Retry-After"]);
        Assert.Equal(("busy", 503), (attempts[0].ResponseBody, attempts[0].StatusCode));
        Assert.Empty(await _store.ListAttemptsAsync(ApiKeys.NewId("ten"), delivery.Id));
    }

    [Fact]
    public async Task ClaimByIdAsync_ConcurrentConsumers_ExactlyOneClaims()
    {
        var delivery = await PendingDeliveryAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _store.ClaimByIdAsync(_tenant, delivery.Id, Now, Lease))).DefaultTimeout();

        Assert.Single(results, r => r.Outcome == ClaimByIdOutcome.Claimed);
        Assert.All(results.Where(r => r.Outcome != ClaimByIdOutcome.Claimed), r => Assert.Equal(ClaimByIdOutcome.Leased, r.Outcome));
    }

    [Fact]
    public async Task DeadLetterDeferAndReplay_ListedInOrderWithEventType()
    {
        var delivery = await PendingDeliveryAsync();

        Assert.True(await _store.DeferAsync(_tenant, delivery.Id, Now.AddSeconds(30)));
        Assert.Equal(Now.AddSeconds(30), (await _store.GetDeliveryAsync(_tenant, delivery.Id))!.NextAttemptAt);
        Assert.True(await _store.DeadLetterAsync(_tenant, delivery.Id, "endpoint disabled", Now.AddSeconds(1)));
        Assert.False(await _store.DeadLetterAsync(_tenant, delivery.Id, "again", Now.AddSeconds(2)));
        Assert.False(await _store.DeferAsync(_tenant, delivery.Id, Now.AddSeconds(3)));
        Assert.False(await _store.DeferAsync(ApiKeys.NewId("ten"), delivery.Id, Now.AddSeconds(3)));

        var dead = Assert.Single(await _store.ListDeadLettersAsync(_tenant, "sub_a", 10, null));
        Assert.Equal((delivery.Id, "invoice.paid", "endpoint disabled"), (dead.DeliveryId, dead.EventType, dead.Reason));
        Assert.Equal(dead.DeliveryId, Assert.Single(await _store.ListDeliveriesAsync(_tenant, new DeliveryQuery(DeliveryStatus.Dead, "sub_a"))).Id);

        await _store.ReplayAsync([(await _store.GetDeliveryAsync(_tenant, delivery.Id))!], Now.AddHours(1));

        var replayed = (await _store.GetDeliveryAsync(_tenant, delivery.Id))!;
        Assert.Equal((DeliveryStatus.Pending, 0, Now.AddHours(1)), (replayed.Status, replayed.RetryIndex, replayed.NextAttemptAt));
        Assert.Empty(await _store.ListDeadLettersAsync(_tenant, "sub_a", 10, null));
        Assert.Equal(replayed, Assert.Single(await _store.ListDeliveriesAsync(_tenant, new DeliveryQuery(DeliveryStatus.Pending))));
    }

    [Fact]
    public async Task ListDeliveriesAsync_FiltersAndPagesNewestFirst()
    {
        var a = await SubscriptionAsync("sub_a");
        var b = await SubscriptionAsync("sub_b");
        var deliveries = new List<WebhookDelivery>();
        for (var i = 0; i < 4; i++)
        {
            var webhookEvent = Event($"evt_{i}", Now.AddSeconds(i));
            await _store.AppendAsync(webhookEvent).DefaultTimeout();
            var planned = new[] { WebhookDelivery.CreatePending(webhookEvent, a.Id, Now.AddSeconds(i)), WebhookDelivery.CreatePending(webhookEvent, b.Id, Now.AddSeconds(i)) };
            await _store.CompleteDispatchAsync([webhookEvent.Id], planned).DefaultTimeout();
            deliveries.AddRange(planned);
        }

        var expected = deliveries.OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id, StringComparer.Ordinal).Select(d => d.Id).ToList();
        var pages = new List<string>();
        string? after = null;
        do
        {
            var page = await _store.ListDeliveriesAsync(_tenant, new DeliveryQuery(Limit: 3, AfterDeliveryId: after));
            pages.AddRange(page.Select(d => d.Id));
            after = page.Count == 3 ? page[^1].Id : null;
        }
        while (after is not null);

        Assert.Equal(expected, pages);
        Assert.Equal(4, (await _store.ListDeliveriesAsync(_tenant, new DeliveryQuery(SubscriptionId: b.Id))).Count);
        Assert.Equal(2, (await _store.ListDeliveriesAsync(_tenant, new DeliveryQuery(EventId: deliveries[0].EventId))).Count);
    }

    [Fact]
    public async Task ReplayJobs_CountCandidatesPageByCursorAndListUnfinished()
    {
        var subscription = await SubscriptionAsync();
        for (var i = 0; i < 5; i++)
        {
            var webhookEvent = Event($"evt_{i}", Now.AddSeconds(i));
            await _store.AppendAsync(webhookEvent).DefaultTimeout();
            var delivery = WebhookDelivery.CreatePending(webhookEvent, subscription.Id, Now.AddSeconds(i));
            await _store.CompleteDispatchAsync([webhookEvent.Id], [delivery]).DefaultTimeout();
            await _store.DeadLetterAsync(_tenant, delivery.Id, "gone", Now.AddSeconds(i));
        }

        var job = await _store.CreateReplayJobAsync(ReplayJob.CreateQueued(ApiKeys.NewId("rpl"), _tenant, subscription.Id, Now.AddSeconds(1),
            [DeliveryStatus.Dead], 10, Now.AddMinutes(1)));
        var seen = new List<string>();
        while (await _store.ListReplayCandidatesAsync(job, 2) is { Count: > 0 } batch)
        {
            seen.AddRange(batch.Select(d => d.Id));
            job = job with { CursorCreatedAt = batch[^1].CreatedAt, CursorDeliveryId = batch[^1].Id, Replayed = seen.Count, Status = ReplayJobStatus.Running };
            await _store.SaveReplayProgressAsync(job);
        }

        Assert.Equal(4, job.Total);
        Assert.Equal(4, seen.Distinct().Count());
        Assert.Contains(await _store.ListUnfinishedReplayJobsAsync(), j => j.Id == job.Id && j.Replayed == 4);
        await _store.SaveReplayProgressAsync(job with { Status = ReplayJobStatus.Done });
        Assert.Equal(ReplayJobStatus.Done, (await _store.GetReplayJobAsync(_tenant, job.Id))!.Status);
        Assert.DoesNotContain(await _store.ListUnfinishedReplayJobsAsync(), j => j.Id == job.Id);
        Assert.Null(await _store.GetReplayJobAsync(ApiKeys.NewId("ten"), job.Id));
    }

    [Fact]
    public async Task Tenancy_ApiKeySourcesAndSubscriptions()
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(_tenant));
        var source = new Source(ApiKeys.NewId("src"), _tenant, "billing", "stripe", [new SourceSecret("sec_1", "whsec_a", Now, null)],
            new Dictionary<string, string> { ["toleranceSeconds"] = "600" }, Now);
        await _store.CreateSourceAsync(source);
        var subscription = await SubscriptionAsync();

        Assert.Equal("Acme", (await _store.FindTenantByApiKeyHashAsync(hash))!.Name);
        Assert.Null(await _store.FindTenantByApiKeyHashAsync(new byte[32]));
        await Assert.ThrowsAsync<TableRequestException>(() => _store.CreateTenantAsync(new Tenant(ApiKeys.NewId("ten"), "Copy", Now), hash));
        var read = (await _store.GetSourceAsync(source.Id))!;
        Assert.Equal(("whsec_a", "600"), (read.Secrets[0].Value, read.Options["toleranceSeconds"]));
        Assert.Equal(source.Id, Assert.Single(await _store.ListSourcesAsync(_tenant)).Id);
        Assert.False(await _store.UpdateSourceSecretsAsync(ApiKeys.NewId("ten"), source.Id, []));
        Assert.True(await _store.UpdateSourceSecretsAsync(_tenant, source.Id, [new SourceSecret("sec_2", "whsec_b", Now, null)]));
        Assert.Equal("whsec_b", (await _store.GetSourceAsync(source.Id))!.Secrets.Single().Value);

        Assert.False(await _store.UpdateSubscriptionSigningAsync(_tenant, subscription.Id, "whsec_wrong", "whsec_new", new SubscriptionSigningKeys()));
        Assert.True(await _store.UpdateSubscriptionSigningAsync(_tenant, subscription.Id, subscription.Secret, "whsec_new", new SubscriptionSigningKeys()));
        Assert.False(await _store.UpdateSubscriptionHealthAsync(ApiKeys.NewId("ten"), subscription.Id, false, new SubscriptionHealth()));
        Assert.True(await _store.UpdateSubscriptionHealthAsync(_tenant, subscription.Id, false, new SubscriptionHealth()));
        var stored = (await _store.GetSubscriptionAsync(_tenant, subscription.Id))!;
        Assert.Equal(("whsec_new", false), (stored.Secret, stored.Active));
        Assert.True(await _store.UpdateSubscriptionAsync(stored with { Url = "https://example.com/v2", Active = true }));
        Assert.Equal("https://example.com/v2", Assert.Single(await _store.ListSubscriptionsAsync(_tenant)).Url);
        Assert.False(await _store.UpdateSubscriptionAsync(stored with { Id = "sub_missing" }));
    }
}
