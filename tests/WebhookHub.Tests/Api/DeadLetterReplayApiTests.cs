using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using WebhookHub.Delivery;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Api;

/// <summary>
/// Dead letters per subscription and the three kinds of replay (one delivery, one event to some subscriptions, bulk jobs)
/// through the running host, with a real loopback receiver and a fake clock. One attempt per cycle, so a failure dead-letters.
/// </summary>
public sealed class DeadLetterReplayApiTests : IAsyncLifetime
{
    private const string SourceSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    // Endpoint /a fails a dozen times in a row on purpose; the circuit breaker would rightly hold its last deliveries back.
    private static readonly string[] HubArgs =
        ["--WebhookHub:Delivery:RetryDelays:0=00:00:00", "--WebhookHub:Delivery:JitterRatio=0", "--WebhookHub:Delivery:CircuitBreaker:MinimumThroughput=1000"];

    private readonly FakeTimeProvider _time = new(Start);
    private readonly List<HubHost> _hubs = [];
    private SignedReceiver _receiver = null!;
    private HubHost _hub = null!;
    private TestTenant _tenant = null!;
    private string _source = null!;
    private string _a = null!;
    private string _b = null!;
    private string _unmatched = null!;
    private volatile bool _failA;

    public async Task InitializeAsync()
    {
        _receiver = await SignedReceiver.StartAsync();
        _receiver.Respond = (context, _) =>
            Task.FromResult(_failA && context.Request.Path == "/a" ? Results.Text("down", statusCode: 503) : Results.Ok());
        _hub = await StartHubAsync(_time);
        _tenant = await _hub.CreateTenantAsync();
        _source = await _tenant.CreateSourceAsync("standardwebhooks", [SourceSecret]);
        _a = await SubscribeAsync("a", null);
        _b = await SubscribeAsync("b", null);
        _unmatched = await SubscribeAsync("c", ["other.*"]);
    }

    public async Task DisposeAsync()
    {
        foreach (var hub in _hubs) await hub.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private async Task<HubHost> StartHubAsync(FakeTimeProvider time, string? directory = null)
    {
        var hub = await HubHost.StartAsync(time, directory, HubArgs);
        _hubs.Add(hub);
        return hub;
    }

    private async Task<string> SubscribeAsync(string path, string[]? eventTypes)
    {
        var (id, secret) = await _tenant.CreateSubscriptionAsync(_receiver.UrlFor(path), eventTypes);
        _receiver.Expect(path, secret);
        return id;
    }

    /// <summary>Sends one new Standard Webhooks-signed <c>invoice.paid</c> event and returns WebhookHub's event ID.</summary>
    private async Task<string> IngestAsync()
    {
        var id = "msg_" + Guid.NewGuid().ToString("n");
        var body = "{\"type\":\"invoice.paid\",\"data\":{\"id\":\"" + id + "\"}}";
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        var headers = new Dictionary<string, string>
        {
            ["webhook-id"] = id,
            ["webhook-timestamp"] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["webhook-signature"] = StandardWebhooksSigner.Sign(SourceSecret, id, timestamp, Encoding.UTF8.GetBytes(body)),
        };
        using var response = await IngestClient.PostAsync(_hub.Client, _source, body, headers);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return IngestClient.Problem(response).GetProperty("eventId").GetString()!;
    }

    private async Task WaitForCountAsync(string query, int count) =>
        await TaskTimeouts.Eventually(async () => (await _tenant.ListAsync("/api/deliveries?limit=1000&" + query)).Count == count, $"{count} deliveries for {query}");

    private async Task<List<string>> DeadLetterAsync(int events)
    {
        _failA = true;
        var ids = new List<string>();
        for (var i = 0; i < events; i++)
        {
            ids.Add(await IngestAsync());
            // Deliveries are stamped when dispatched: wait for them before moving the clock, so each event's are a second apart.
            await WaitForCountAsync($"eventId={ids[^1]}", 2);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        await WaitForCountAsync($"status=dead&subscriptionId={_a}", events);
        await WaitForCountAsync($"status=succeeded&subscriptionId={_b}", events);
        _failA = false;
        return ids;
    }

    [Fact]
    public async Task DeadLetters_PerSubscription_NewestFirstWithReasonStatusAndAttempts()
    {
        var events = await DeadLetterAsync(3);

        var page = await _tenant.ListAsync($"/api/subscriptions/{_a}/dead-letters?limit=2");
        var rest = await _tenant.ListAsync($"/api/subscriptions/{_a}/dead-letters?limit=2&after={page[1]!["deliveryId"]}");

        Assert.Equal([events[2], events[1], events[0]], page.Concat(rest).Select(d => d!["eventId"]!.GetValue<string>()));
        var newest = page[0]!;
        Assert.StartsWith("dlv_", newest["deliveryId"]!.GetValue<string>());
        Assert.Equal("invoice.paid", newest["eventType"]!.GetValue<string>());
        Assert.Equal(_a, newest["subscriptionId"]!.GetValue<string>());
        Assert.Contains("HTTP 503", newest["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(503, newest["lastStatusCode"]!.GetValue<int>());
        Assert.Equal(1, newest["attemptCount"]!.GetValue<int>());
        var deadAt = newest["deadLetteredAt"]!.GetValue<DateTimeOffset>();
        Assert.InRange(deadAt, newest["createdAt"]!.GetValue<DateTimeOffset>(), _time.GetUtcNow());
        Assert.Empty(await _tenant.ListAsync($"/api/subscriptions/{_b}/dead-letters"));
        Assert.Equal(3, (await _tenant.ListAsync($"/api/deliveries?status=dead&subscriptionId={_a}")).Count);
        Assert.Empty(await _tenant.ListAsync($"/api/deliveries?status=dead&subscriptionId={_b}"));
    }

    [Fact]
    public async Task DeadLetters_OtherTenantsSubscriptionOrBadLimit_404Or400()
    {
        await DeadLetterAsync(1);
        var other = await _hub.CreateTenantAsync("other");

        using var foreign = await other.SendAsync(HttpMethod.Get, $"/api/subscriptions/{_a}/dead-letters");
        using var badLimit = await _tenant.SendAsync(HttpMethod.Get, $"/api/subscriptions/{_a}/dead-letters?limit=0");

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal("application/problem+json", foreign.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.Empty(await other.ListAsync($"/api/deliveries?subscriptionId={_a}"));
    }

    [Fact]
    public async Task ReplayDelivery_Dead_SentAgainAndSucceeds()
    {
        await DeadLetterAsync(1);
        var dead = (await _tenant.ListAsync($"/api/subscriptions/{_a}/dead-letters")).Single()!;

        using var replay = await _tenant.SendAsync(HttpMethod.Post, $"/api/deliveries/{dead["deliveryId"]}/replay");

        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        await WaitForCountAsync($"status=succeeded&subscriptionId={_a}", 1);
        Assert.Empty(await _tenant.ListAsync($"/api/subscriptions/{_a}/dead-letters"));
    }

    [Fact]
    public async Task ReplayEvent_SomeSubscriptions_OnlyThoseReceiveItAgain()
    {
        var eventId = await IngestAsync();
        await WaitForCountAsync("status=succeeded", 2);

        using var replay = await _tenant.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/replay", new { subscriptionIds = new[] { _b } });

        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        var ids = JsonNode.Parse(await replay.Content.ReadAsStringAsync())!["deliveryIds"]!.AsArray();
        Assert.Equal(EventIds(eventId, _b), ids.Single()!.GetValue<string>());
        await TaskTimeouts.Eventually(() => Task.FromResult(_receiver.Received.Count == 3), "the replay arrived");
        Assert.Equal(["/a", "/b", "/b"], _receiver.Received.Select(r => r.Path).Order());
        Assert.All(_receiver.Received, r => Assert.True(r.SignatureValid));
    }

    [Fact]
    public async Task ReplayEvent_UnknownForeignUnmatchedOrEmptySubscriptions_400AndNothingSent()
    {
        var eventId = await IngestAsync();
        await WaitForCountAsync("status=succeeded", 2);
        var other = await _hub.CreateTenantAsync("other");
        var (foreign, _) = await other.CreateSubscriptionAsync(_receiver.UrlFor("x"));

        foreach (var ids in new[] { new[] { "sub_nope" }, [_b, foreign], [_unmatched], [] })
        {
            using var replay = await _tenant.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/replay", new { subscriptionIds = ids });
            Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
            var problem = JsonNode.Parse(await replay.Content.ReadAsStringAsync())!;
            Assert.NotNull(problem["errors"]!["subscriptionIds"]);
        }

        Assert.Equal(2, _receiver.Received.Count);
        Assert.Equal(2, (await _tenant.ListAsync("/api/deliveries?status=succeeded")).Count);
    }

    [Fact]
    public async Task BulkReplay_DeadDeliveries_RateLimitedOnTheClockWithProgress()
    {
        await DeadLetterAsync(12);
        var createdAt = _time.GetUtcNow();

        using var created = await _tenant.SendAsync(HttpMethod.Post, $"/api/subscriptions/{_a}/replay",
            new { since = Start.AddMinutes(-1).ToString("O"), ratePerSecond = 10 });

        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var job = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var location = created.Headers.Location!.ToString();
        Assert.Equal($"/api/replay-jobs/{job["id"]}", location);
        Assert.Equal(12, job["total"]!.GetValue<long>());
        Assert.Equal(["failed", "dead"], job["statuses"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(10, job["ratePerSecond"]!.GetValue<int>());

        // 10 per second in batches of one: one at once, then one per 100 ms of the clock.
        await WaitForJobAsync(location, j => j["replayed"]!.GetValue<long>() == 1, createdAt);
        _time.Advance(TimeSpan.FromSeconds(1));
        await WaitForJobAsync(location, j => j["replayed"]!.GetValue<long>() == 11, createdAt);
        _time.Advance(TimeSpan.FromSeconds(1));
        var done = await WaitForJobAsync(location, j => j["status"]!.GetValue<string>() == "done", createdAt);

        Assert.Equal(12, done["replayed"]!.GetValue<long>());
        await WaitForCountAsync($"status=succeeded&subscriptionId={_a}", 12);
        Assert.Empty(await _tenant.ListAsync($"/api/subscriptions/{_a}/dead-letters"));
        Assert.Equal(12, _receiver.Received.Count(r => r.Path == "/b"));
    }

    [Fact]
    public async Task BulkReplay_BadFilterForeignSubscriptionOrJob_400Or404()
    {
        var other = await _hub.CreateTenantAsync("other");
        var since = Start.ToString("O");
        object[] bad =
        [
            new { },
            new { since = "2026-11-21" },
            new { since = "2026-11-21T12:00:00" },
            new { since, statuses = new[] { "pending" } },
            new { since, statuses = Array.Empty<string>() },
            new { since, ratePerSecond = 0 },
            new { since, ratePerSecond = 1001 },
        ];
        foreach (var body in bad)
        {
            using var response = await _tenant.SendAsync(HttpMethod.Post, $"/api/subscriptions/{_a}/replay", body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        }

        using var foreign = await other.SendAsync(HttpMethod.Post, $"/api/subscriptions/{_a}/replay", new { since });
        using var created = await _tenant.SendAsync(HttpMethod.Post, $"/api/subscriptions/{_a}/replay", new { since, statuses = new[] { "DEAD" } });
        using var foreignJob = await other.SendAsync(HttpMethod.Get, created.Headers.Location!.ToString());

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreignJob.StatusCode);
    }

    [Fact]
    public async Task BulkReplay_HubRestarted_JobResumesWhereItStopped()
    {
        await DeadLetterAsync(5);
        using var created = await _tenant.SendAsync(HttpMethod.Post, $"/api/subscriptions/{_a}/replay",
            new { since = Start.ToString("O"), statuses = new[] { "dead" }, ratePerSecond = 1 });
        var location = created.Headers.Location!.ToString();
        await WaitForJobAsync(location, j => j["replayed"]!.GetValue<long>() == 1, _time.GetUtcNow());
        _hub.KeepDirectory = true;
        await _hub.DisposeAsync();
        _hubs.Remove(_hub);

        var later = new FakeTimeProvider(_time.GetUtcNow());
        _hub = await StartHubAsync(later, _hub.Directory);
        _tenant = _tenant with { Host = _hub };
        Assert.Equal("running", (await _tenant.GetJsonAsync(location))["status"]!.GetValue<string>());
        later.Advance(TimeSpan.FromSeconds(10));

        var done = await WaitForJobAsync(location, j => j["status"]!.GetValue<string>() == "done", null);
        Assert.Equal(5, done["replayed"]!.GetValue<long>());
        await WaitForCountAsync($"status=succeeded&subscriptionId={_a}", 5);
    }

    /// <summary>Polls the job until <paramref name="condition"/>; on every poll, no more than 1 + 10/s × clock time since <paramref name="since"/> may be replayed.</summary>
    private async Task<JsonNode> WaitForJobAsync(string location, Func<JsonNode, bool> condition, DateTimeOffset? since)
    {
        JsonNode? job = null;
        await TaskTimeouts.Eventually(async () =>
        {
            job = await _tenant.GetJsonAsync(location);
            if (since is { } from)
            {
                var allowed = 1 + (long)Math.Floor((_time.GetUtcNow() - from).TotalSeconds * 10);
                Assert.True(job["replayed"]!.GetValue<long>() <= allowed, $"replayed {job["replayed"]} > {allowed} allowed by the rate");
            }

            return condition(job);
        }, "the replay job progressed");
        return job!;
    }

    private static string EventIds(string eventId, string subscriptionId) => WebhookHub.Ingestion.EventIds.ForDelivery(eventId, subscriptionId);
}
