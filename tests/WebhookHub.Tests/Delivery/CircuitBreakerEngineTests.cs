using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;
using WebhookHub.Functions.Delivery;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Delivery;

/// <summary>The circuit breaker through the running host: while open, an endpoint's deliveries wait without using attempts.</summary>
public sealed class CircuitBreakerEngineTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
    private HubHost _hub = null!;
    private SignedReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _receiver = await SignedReceiver.StartAsync();
        _hub = await HubHost.StartAsync(_time, extraArgs:
        [
            "--WebhookHub:Delivery:RetryDelays:0=00:00:00",
            "--WebhookHub:Delivery:RetryDelays:1=01:00:00",
            "--WebhookHub:Delivery:RetryDelays:2=01:00:00",
            "--WebhookHub:Delivery:JitterRatio=0",
            "--WebhookHub:Delivery:CircuitBreaker:MinimumThroughput=2",
            "--WebhookHub:Delivery:CircuitBreaker:FailureRatio=0.5",
            "--WebhookHub:Delivery:CircuitBreaker:BreakDuration=00:00:30",
        ]);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private int? ClaimLimit(EndpointCircuitBreakers circuits, string subscription)
    {
        var limits = new Dictionary<string, int>();
        circuits.AddClaimLimits(limits, _time.GetUtcNow(), new Dictionary<string, int>());
        return limits.TryGetValue(subscription, out var limit) ? limit : null;
    }

    [Fact]
    public async Task OpenCircuit_DeliveriesWaitUnattempted_ThenOneProbeAndTheRestFlow()
    {
        var healthy = false;
        _receiver.Respond = (_, _) => Task.FromResult(Volatile.Read(ref healthy) ? Results.Ok() : Results.StatusCode(503));
        var tenant = await FlowTenant.CreateAsync(_hub, "acme");
        var subscription = await tenant.SubscribeAsync(_receiver, "hook", ["*"], new { maxConcurrency = 1 });
        for (var i = 0; i < 5; i++) await tenant.IngestAsync();

        var circuits = _hub.Services.GetRequiredService<EndpointCircuitBreakers>();
        await TaskTimeouts.Eventually(() => Task.FromResult(circuits.StateOf(subscription) == CircuitState.Open && ClaimLimit(circuits, subscription) == 0),
            "the circuit opened");
        // 29 poll rounds inside the break; the short real pause only gives a wrongly claimed delivery time to show up.
        for (var second = 0; second < 29; second++) _time.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(200);

        Assert.Equal(2, _receiver.Received.Count);
        Assert.Equal(2, (await tenant.DeliveriesAsync(subscription)).Count(d => d.Status() == "failed"));
        var waiting = (await tenant.DeliveriesAsync(subscription)).Where(d => d.Status() == "pending").ToList();
        Assert.Equal(3, waiting.Count);
        Assert.All(waiting, d => Assert.Equal(0, d.Attempts()));

        Volatile.Write(ref healthy, true);
        _time.Advance(TimeSpan.FromSeconds(1));
        await TaskTimeouts.Eventually(async () => (await tenant.DeliveriesAsync(subscription)).Count(d => d.Status() == "succeeded") == 3, "the waiting deliveries went through");

        var deliveries = await tenant.DeliveriesAsync(subscription);
        Assert.All(deliveries.Where(d => d.Status() == "succeeded"), d => Assert.Equal(1, d.Attempts()));
        Assert.Equal(2, deliveries.Count(d => d.Status() == "failed"));
        Assert.Equal(5, _receiver.Received.Count);
    }
}
