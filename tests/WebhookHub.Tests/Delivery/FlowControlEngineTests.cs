using Microsoft.AspNetCore.Http;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Delivery;

/// <summary>
/// Concurrency caps, rate limits and fairness through the running host. The clock is fake, so an endpoint that hangs stays
/// hung until the test advances past the attempt timeout: whatever completes meanwhile did not wait for it.
/// </summary>
public sealed class FlowControlEngineTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HubHost _hub = null!;
    private SignedReceiver _receiver = null!;
    private int _hanging;
    private int _mostHanging;

    public async Task InitializeAsync()
    {
        _receiver = await SignedReceiver.StartAsync();
        _receiver.Respond = async (context, _) =>
        {
            if (context.Request.Path != "/slow") return Results.Ok();
            var now = Interlocked.Increment(ref _hanging);
            InterlockedMax(ref _mostHanging, now);
            try
            {
                await _release.Task.WaitAsync(context.RequestAborted);
                return Results.Ok();
            }
            finally
            {
                Interlocked.Decrement(ref _hanging);
            }
        };
        _hub = await HubHost.StartAsync(_time, extraArgs:
        [
            "--WebhookHub:Delivery:MaxConcurrency=4",
            "--WebhookHub:Delivery:MaxConcurrencyPerSubscription=2",
            "--WebhookHub:Delivery:Timeout=00:00:05",
            "--WebhookHub:Delivery:RetryDelays:0=00:00:00",
            "--WebhookHub:Delivery:RetryDelays:1=01:00:00",
            "--WebhookHub:Delivery:JitterRatio=0",
        ]);
    }

    public async Task DisposeAsync()
    {
        _release.TrySetResult();
        await _hub.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private int ReceivedAt(string path) => _receiver.Received.Count(r => r.Path == path);

    [Fact]
    public async Task HangingEndpointWithBacklog_OtherTenantsDeliveriesStillComplete()
    {
        var slowTenant = await FlowTenant.CreateAsync(_hub, "slow");
        var fastTenant = await FlowTenant.CreateAsync(_hub, "fast");
        var slow = await slowTenant.SubscribeAsync(_receiver, "slow", ["*"]);
        var fast = await fastTenant.SubscribeAsync(_receiver, "fast", ["*"]);
        for (var i = 0; i < 20; i++) await slowTenant.IngestAsync();
        for (var i = 0; i < 5; i++) await fastTenant.IngestAsync();

        await TaskTimeouts.Eventually(async () => (await fastTenant.DeliveriesAsync(fast)).Count(d => d.Status() == "succeeded") == 5,
            "the healthy endpoint's deliveries completed while the other endpoint hangs");

        Assert.Equal(2, ReceivedAt("/slow"));
        Assert.Equal(2, Volatile.Read(ref _mostHanging));
        var slowDeliveries = await slowTenant.DeliveriesAsync(slow);
        Assert.Equal(20, slowDeliveries.Count);
        Assert.All(slowDeliveries, d => Assert.Equal("pending", d.Status()));

        // Past the attempt timeout the two hung attempts fail and the next two of the backlog go out: never more than the cap.
        _time.Advance(TimeSpan.FromSeconds(5));
        await TaskTimeouts.Eventually(() => Task.FromResult(ReceivedAt("/slow") == 4), "the next two slow deliveries went out");
        var timedOut = (await slowTenant.DeliveriesAsync(slow)).Where(d => d.Status() == "failed").ToList();
        Assert.Equal(2, timedOut.Count);
        Assert.All(timedOut, d => Assert.StartsWith("timed out", d["lastError"]!.GetValue<string>()));
        // (The receiver may still count the abandoned requests as hanging for a moment, so count arrivals, not overlap.)
        await Task.Delay(200);
        Assert.Equal(4, ReceivedAt("/slow"));
    }

    [Fact]
    public async Task SubscriptionMaxConcurrency_HeldBelowTheOperatorDefault()
    {
        var tenant = await FlowTenant.CreateAsync(_hub, "acme");
        var slow = await tenant.SubscribeAsync(_receiver, "slow", ["*"], new { maxConcurrency = 1 });
        for (var i = 0; i < 4; i++) await tenant.IngestAsync();

        await TaskTimeouts.Eventually(() => Task.FromResult(ReceivedAt("/slow") == 1), "one delivery went out");
        await Task.Delay(200);

        Assert.Equal(1, ReceivedAt("/slow"));
        _release.SetResult();
        await TaskTimeouts.Eventually(async () => (await tenant.DeliveriesAsync(slow)).All(d => d.Status() == "succeeded"), "all were delivered one by one");
        Assert.Equal(1, Volatile.Read(ref _mostHanging));
        Assert.Equal(4, ReceivedAt("/slow"));
    }

    [Fact]
    public async Task RateLimitSpent_RestWaitUnattempted()
    {
        var tenant = await FlowTenant.CreateAsync(_hub, "acme");
        var limited = await tenant.SubscribeAsync(_receiver, "limited", ["*"], new { rateLimitPerSecond = 0.001, burst = 2 });
        for (var i = 0; i < 5; i++) await tenant.IngestAsync();

        await TaskTimeouts.Eventually(async () => (await tenant.DeliveriesAsync(limited)).Count(d => d.Status() == "succeeded") == 2, "the burst went out");
        for (var i = 0; i < 5; i++) _time.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(200);

        Assert.Equal(2, ReceivedAt("/limited"));
        var waiting = (await tenant.DeliveriesAsync(limited)).Where(d => d.Status() != "succeeded").ToList();
        Assert.Equal(3, waiting.Count);
        Assert.All(waiting, d => Assert.Equal(("pending", 0), (d.Status(), d.Attempts())));
    }
}
