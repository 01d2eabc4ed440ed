using System.Net;
using System.Text.Json.Nodes;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Delivery;

/// <summary>
/// The outcome rules through the running host (ingest → dispatch → delivery worker → API) on a fake clock, against a
/// <see cref="ProgrammableReceiver"/>: 410 disables, directives, a per-event-type schedule set through the API, exhaustion,
/// and an attempt that hangs past a 200 ms timeout.
/// </summary>
public sealed class DeliveryOutcomeHostTests : IAsyncLifetime
{
    private static readonly Vector GitHub = Vectors.Load("github.json")[1]; // issues.opened
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
    private HubHost _hub = null!;
    private ProgrammableReceiver _receiver = null!;
    private TestTenant _tenant = null!;
    private string _source = null!;

    public async Task InitializeAsync()
    {
        _receiver = await ProgrammableReceiver.StartAsync(_time);
        _hub = await HubHost.StartAsync(_time, extraArgs:
        [
            "--WebhookHub:Delivery:JitterRatio=0",
            "--WebhookHub:Delivery:Timeout=00:00:00.200",
        ]);
        _tenant = await _hub.CreateTenantAsync();
        _source = await _tenant.CreateSourceAsync("github", [GitHub.Secret]);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private async Task<string> SubscribeAsync(string path, object? settings, params ReceiverBehavior[] behaviors)
    {
        using var response = await _tenant.SendAsync(HttpMethod.Post, "/api/subscriptions", new { url = _receiver.UrlFor(path), settings });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        _receiver.Expect(path, body["secret"]!.GetValue<string>()).Program(path, behaviors);
        return body["id"]!.GetValue<string>();
    }

    private async Task IngestAsync()
    {
        using var response = await IngestClient.PostAsync(_hub.Client, _source, GitHub.Body, GitHub.Headers);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<JsonNode> WaitForDeliveryAsync(Func<JsonNode, bool> condition, string because)
    {
        JsonNode? found = null;
        await TaskTimeouts.Eventually(async () =>
        {
            var list = await _tenant.ListAsync("/api/deliveries");
            found = list.Count == 1 ? await _tenant.GetJsonAsync($"/api/deliveries/{list[0]!["id"]}") : null;
            return found is not null && condition(found);
        }, because);
        return found!;
    }

    private static string Status(JsonNode delivery) => delivery["status"]!.GetValue<string>();

    [Fact]
    public async Task Deliver_410_SubscriptionDisabledWithReasonAndDeliveryDeadLettered()
    {
        var id = await SubscribeAsync("gone", null, ReceiverBehavior.Gone());
        await IngestAsync();

        var dead = await WaitForDeliveryAsync(d => Status(d) == "dead", "the delivery was dead-lettered");
        var subscription = await _tenant.GetJsonAsync($"/api/subscriptions/{id}");

        Assert.Equal(410, dead["lastStatusCode"]!.GetValue<int>());
        Assert.Equal("endpoint disabled: HTTP 410 Gone", dead["lastError"]!.GetValue<string>());
        Assert.Equal(1, dead["attemptCount"]!.GetValue<int>());
        Assert.Single(await _tenant.ListAsync("/api/deliveries?status=dead"));
        Assert.False(subscription["active"]!.GetValue<bool>());
        Assert.Equal("endpoint answered HTTP 410 Gone", subscription["health"]!["disabledReason"]!.GetValue<string>());
        Assert.Equal(_time.GetUtcNow(), subscription["health"]!["disabledAt"]!.GetValue<DateTimeOffset>());
        Assert.True(Assert.Single(_receiver.RequestsTo("gone")).SignatureValid);
    }

    [Fact]
    public async Task Deliver_DisableDirective_SucceededAndSubscriptionDisabled()
    {
        var id = await SubscribeAsync("unsubscribe", null, ReceiverBehavior.DisableEndpoint());
        await IngestAsync();

        await WaitForDeliveryAsync(d => Status(d) == "succeeded", "the delivery succeeded");
        JsonNode subscription = null!;
        await TaskTimeouts.Eventually(async () =>
        {
            subscription = await _tenant.GetJsonAsync($"/api/subscriptions/{id}");
            return !subscription["active"]!.GetValue<bool>();
        }, "the subscription was disabled");

        Assert.Equal("disabled by receiver (webhook-delivery: disable)", subscription["health"]!["disabledReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deliver_AbortDirective_DeadLetteredWithReason()
    {
        await SubscribeAsync("abort", null, ReceiverBehavior.AbortMessage(500));
        await IngestAsync();

        var dead = await WaitForDeliveryAsync(d => Status(d) == "dead", "the delivery was aborted");

        Assert.Equal("aborted by receiver (webhook-delivery: abort-message): HTTP 500", dead["lastError"]!.GetValue<string>());
        Assert.Equal(500, dead["lastStatusCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Deliver_EventTypeScheduleFromApi_UsedForRetry()
    {
        await SubscribeAsync("by-type", new { retryDelaysSeconds = new[] { 0, 30 }, retryDelaysByEventType = new Dictionary<string, int[]> { ["issues.*"] = [0, 7, 7] } },
            ReceiverBehavior.ServerError(502).Repeat(1), ReceiverBehavior.Ok());
        await IngestAsync();

        var failed = await WaitForDeliveryAsync(d => Status(d) == "failed", "the first attempt failed");
        Assert.Equal(_time.GetUtcNow().AddSeconds(7), failed["nextAttemptAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("HTTP 502", failed["lastError"]!.GetValue<string>());

        _time.Advance(TimeSpan.FromSeconds(7));
        var succeeded = await WaitForDeliveryAsync(d => Status(d) == "succeeded", "the retry succeeded");

        Assert.Equal(2, succeeded["attemptCount"]!.GetValue<int>());
        Assert.Equal([1, 2], _receiver.RequestsTo("by-type").Select(r => r.Attempt));
    }

    [Fact]
    public async Task Deliver_ScheduleExhausted_DeadLetteredWithReason()
    {
        await SubscribeAsync("exhausted", new { retryDelaysSeconds = new[] { 0, 1 } }, ReceiverBehavior.Unavailable());
        await IngestAsync();

        await WaitForDeliveryAsync(d => Status(d) == "failed", "the first attempt failed");
        _time.Advance(TimeSpan.FromSeconds(1));
        var dead = await WaitForDeliveryAsync(d => Status(d) == "dead", "the schedule ran out");

        Assert.Equal("retries exhausted after 2 attempts: HTTP 503", dead["lastError"]!.GetValue<string>());
        Assert.Equal(503, dead["lastStatusCode"]!.GetValue<int>());
        Assert.Equal(2, dead["attemptCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Deliver_HangPastTimeout_TimedOutAndRetriedWithPenalty()
    {
        await SubscribeAsync("hang", null, ReceiverBehavior.Hang().Repeat(1), ReceiverBehavior.Ok());
        await IngestAsync();

        await _receiver.WaitForRequestAsync("hang");
        _time.Advance(TimeSpan.FromMilliseconds(200));
        var failed = await WaitForDeliveryAsync(d => Status(d) == "failed", "the attempt timed out");

        Assert.Equal("timed out after 0.2 s", failed["lastError"]!.GetValue<string>());
        Assert.Null(failed["lastStatusCode"]);
        Assert.Equal(_time.GetUtcNow().AddSeconds(10), failed["nextAttemptAt"]!.GetValue<DateTimeOffset>()); // 5 s × overload penalty 2

        _time.Advance(TimeSpan.FromSeconds(10));
        await WaitForDeliveryAsync(d => Status(d) == "succeeded", "the retry succeeded");
    }
}
