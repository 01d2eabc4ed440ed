using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Delivery;

/// <summary>Auto-disable, recovery and operational events through the running host, on a fake clock, to real receivers.</summary>
public sealed class EndpointHealthEngineTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private HubHost _hub = null!;
    private SignedReceiver _receiver = null!;
    private FlowTenant _tenant = null!;

    public async Task InitializeAsync()
    {
        _receiver = await SignedReceiver.StartAsync();
        _hub = await HubHost.StartAsync(_time, extraArgs:
        [
            "--WebhookHub:Delivery:RetryDelays:0=00:00:00",
            "--WebhookHub:Delivery:RetryDelays:1=1.00:00:00",
            "--WebhookHub:Delivery:RetryDelays:2=1.00:00:00",
            "--WebhookHub:Delivery:JitterRatio=0",
            "--WebhookHub:Delivery:AutoDisableAfter=1.00:00:00",
            "--WebhookHub:Delivery:FailingEventAfterAttempts=2",
            "--WebhookHub:Delivery:CircuitBreaker:MinimumThroughput=1000",
        ]);
        _tenant = await FlowTenant.CreateAsync(_hub, "acme");
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private void Answer(Func<string, IResult> byPath) => _receiver.Respond = (context, _) => Task.FromResult(byPath(context.Request.Path.Value!));

    private List<ReceivedDelivery> At(string path) => _receiver.Received.Where(r => r.Path == path).ToList();

    private static JsonNode Body(ReceivedDelivery delivery) => JsonNode.Parse(delivery.Body)!;

    [Fact]
    public async Task FailingContinuously_Disabled_OperationalSubscriberTold_CatchAllNot()
    {
        Answer(path => path == "/down" ? Results.StatusCode(503) : Results.Ok());
        var down = await _tenant.SubscribeAsync(_receiver, "down", ["invoice.*"]);
        await _tenant.SubscribeAsync(_receiver, "ops", ["webhookhub.*"]);
        await _tenant.SubscribeAsync(_receiver, "all", ["*"]);
        var eventId = await _tenant.IngestAsync();
        await TaskTimeouts.Eventually(async () => (await _tenant.SubscriptionAsync(down))["health"]!["failingSince"] is not null, "the first attempt failed");
        var failing = (await _tenant.SubscriptionAsync(down))["health"]!;
        Assert.Equal(Start, failing["failingSince"]!.GetValue<DateTimeOffset>());

        _time.Advance(TimeSpan.FromDays(1));
        await TaskTimeouts.Eventually(() => Task.FromResult(At("/ops").Count == 2), "the operational subscriber got two events");

        var subscription = await _tenant.SubscriptionAsync(down);
        Assert.False(subscription["active"]!.GetValue<bool>());
        Assert.Equal(Start.AddDays(1), subscription["health"]!["disabledAt"]!.GetValue<DateTimeOffset>());
        Assert.StartsWith("endpoint failed continuously since 2026-11-21T12:00:00Z", subscription["health"]!["disabledReason"]!.GetValue<string>());
        var ops = At("/ops").OrderBy(r => r.EventType, StringComparer.Ordinal).ToList();
        Assert.Equal(["webhookhub.attempt.failing", "webhookhub.endpoint.disabled"], ops.Select(r => r.EventType));
        Assert.All(ops, r => Assert.True(r.SignatureValid));
        Assert.All(ops, r => Assert.Equal("webhookhub", r.SourceId));
        Assert.Equal(eventId, Body(ops[0])["data"]!["eventId"]!.GetValue<string>());
        Assert.Equal(down, Body(ops[1])["data"]!["subscriptionId"]!.GetValue<string>());
        Assert.Equal(["invoice.paid"], At("/all").Select(r => r.EventType));
        Assert.Equal(2, (await _tenant.EventTypesAsync()).Count(t => t.StartsWith("webhookhub.", StringComparison.Ordinal)));

        // The retry still scheduled comes due: dead-lettered unattempted, with no further operational event.
        _time.Advance(TimeSpan.FromDays(1));
        await TaskTimeouts.Eventually(async () => (await _tenant.DeliveriesAsync(down)).Single().Status() == "dead", "the waiting retry was dead-lettered");
        var dead = (await _tenant.DeliveriesAsync(down)).Single();
        Assert.Equal(2, dead.Attempts());
        Assert.StartsWith("endpoint disabled (disabled 2026-11-22 12:00:00Z: endpoint failed continuously since 2026-11-21T12:00:00Z",
            dead["lastError"]!.GetValue<string>());
        await _tenant.IngestAsync();
        await TaskTimeouts.Eventually(() => Task.FromResult(At("/all").Count == 2), "the next event reached the catch-all subscriber");
        Assert.Single(await _tenant.DeliveriesAsync(down));
        Assert.Equal(2, (await _tenant.EventTypesAsync()).Count(t => t.StartsWith("webhookhub.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SuccessAfterFailures_FailingSinceCleared_RecoveredEvent()
    {
        var healthy = false;
        Answer(path => path == "/flaky" && !Volatile.Read(ref healthy) ? Results.StatusCode(500) : Results.Ok());
        var flaky = await _tenant.SubscribeAsync(_receiver, "flaky", ["invoice.*"]);
        await _tenant.SubscribeAsync(_receiver, "ops", ["webhookhub.endpoint.*"]);
        await _tenant.IngestAsync();
        await _tenant.IngestAsync();
        await TaskTimeouts.Eventually(async () => (await _tenant.SubscriptionAsync(flaky))["health"]!["consecutiveFailures"]!.GetValue<int>() == 2,
            "both first attempts failed");

        Volatile.Write(ref healthy, true);
        _time.Advance(TimeSpan.FromDays(1));
        await TaskTimeouts.Eventually(async () => (await _tenant.DeliveriesAsync(flaky)).All(d => d.Status() == "succeeded"), "the retries succeeded");
        await TaskTimeouts.Eventually(() => Task.FromResult(At("/ops").Count == 1), "the recovery was told");

        var health = (await _tenant.SubscriptionAsync(flaky))["health"]!;
        Assert.Null(health["failingSince"]);
        Assert.Equal(0, health["consecutiveFailures"]!.GetValue<int>());
        var recovered = Assert.Single(At("/ops"));
        Assert.Equal("webhookhub.endpoint.recovered", recovered.EventType);
        Assert.Equal(2, Body(recovered)["data"]!["failedAttempts"]!.GetValue<int>());
        Assert.True((await _tenant.SubscriptionAsync(flaky))["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task OperationalSubscriberFailingToo_NoFurtherOperationalEvents()
    {
        Answer(_ => Results.StatusCode(503));
        var down = await _tenant.SubscribeAsync(_receiver, "down", ["invoice.*"]);
        var ops = await _tenant.SubscribeAsync(_receiver, "ops", ["webhookhub.*"]);
        await _tenant.IngestAsync();
        await TaskTimeouts.Eventually(async () => (await _tenant.SubscriptionAsync(down))["health"]!["failingSince"] is not null, "the first attempt failed");

        // Day 1: the second failure emits attempt.failing and disables the endpoint; both events fail at the operational subscriber.
        // Day 2: their retries fail too, and the operational subscriber, failing for a day, is disabled in turn, silently.
        // Day 3: their last retries are dead-lettered unattempted.
        for (var day = 1; day <= 2; day++)
        {
            _time.Advance(TimeSpan.FromDays(1));
            var attempts = day;
            await TaskTimeouts.Eventually(async () => (await _tenant.DeliveriesAsync(ops)) is { Count: 2 } list && list.All(d => d.Attempts() == attempts),
                $"the operational deliveries were attempted {day} times");
        }

        _time.Advance(TimeSpan.FromDays(1));
        await TaskTimeouts.Eventually(async () => (await _tenant.DeliveriesAsync(ops)).All(d => d.Status() == "dead"), "every operational delivery ended");

        await TaskTimeouts.Eventually(async () => !(await _tenant.SubscriptionAsync(ops))["active"]!.GetValue<bool>(), "the operational subscriber was disabled");
        var operational = (await _tenant.EventTypesAsync()).Where(t => t.StartsWith("webhookhub.", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["webhookhub.attempt.failing", "webhookhub.endpoint.disabled"], operational);
    }
}
