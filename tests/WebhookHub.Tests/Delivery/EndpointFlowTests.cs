using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebhookHub.Delivery;
using WebhookHub.Functions.Delivery;
using WebhookHub.Functions.Telemetry;
using WebhookHub.Ingestion;
using WebhookHub.Storage.Sqlite;
using WebhookHub.Tenancy;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Delivery;

/// <summary>
/// <see cref="EndpointFlow"/> against the SQLite store on a fake clock, for the paths that send nothing: disabled
/// subscriptions, spent rate limits and open circuits, and the claim it builds.
/// </summary>
public sealed class EndpointFlowTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly string _path = Path.Combine(Path.GetTempPath(), "webhookhub-tests", Guid.NewGuid().ToString("n"), "store.db");
    private readonly FakeTimeProvider _time = new(Start);
    private readonly DeliveryOptions _options = new()
    {
        MaxConcurrencyPerSubscription = 7,
        CircuitBreaker = new EndpointCircuitBreakerOptions { MinimumThroughput = 2, BreakDuration = TimeSpan.FromSeconds(30) },
    };
    private ServiceProvider _services = null!;
    private SqliteWebhookStore _store = null!;
    private EndpointCircuitBreakers _circuits = null!;
    private EndpointRateLimiters _rateLimiters = null!;
    private EndpointFlow _flow = null!;
    private int _events;

    public Task InitializeAsync()
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _store = new SqliteWebhookStore(new SqliteStoreOptions { Path = _path });
        _circuits = new EndpointCircuitBreakers(_options, _time, NullLogger<EndpointCircuitBreakers>.Instance);
        _rateLimiters = new EndpointRateLimiters();
        var deliverer = new Deliverer(new HttpClient(), _store, _store, new RetrySchedule(_options, new FixedRandom(0.5)), _options, _time);
        _flow = new EndpointFlow(deliverer, _store, _store, _circuits, _rateLimiters, new EndpointHealthTracker(_store, _options, _time),
            Options.Create(_options), new WebhookHubMetrics(_services.GetRequiredService<IMeterFactory>()), _time, NullLogger<EndpointFlow>.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _rateLimiters.Dispose();
        await _store.DisposeAsync();
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
    }

    private async Task<DeliveryJob> ClaimedJobAsync(bool active = true, SubscriptionSettings? settings = null)
    {
        var subscription = new Subscription(ApiKeys.NewId("sub"), "ten_a", "https://a.example.com/h", ["*"], [], "whsec_x", active, Start)
        {
            Settings = settings ?? new SubscriptionSettings(),
        };
        await _store.CreateSubscriptionAsync(subscription);
        var providerId = $"p{Interlocked.Increment(ref _events)}";
        var e = new WebhookEvent(EventIds.ForEvent("src_1", providerId), "ten_a", "src_1", providerId, "invoice.paid", "application/json", "{}"u8.ToArray(), Start);
        await _store.AppendAsync(e).DefaultTimeout();
        await _store.CompleteDispatchAsync([e.Id], [WebhookDelivery.CreatePending(e, subscription.Id, Start)]);
        return Assert.Single(await _store.ClaimDueAsync(new DeliveryClaim(10, Start, TimeSpan.FromMinutes(2))));
    }

    private Task<WebhookDelivery?> StoredAsync(DeliveryJob job) => _store.GetDeliveryAsync("ten_a", job.Delivery.Id);

    [Fact]
    public async Task Disabled_DeadLetteredUnattempted()
    {
        var job = await ClaimedJobAsync(active: false);

        var admission = _flow.Admit(job);
        var attempt = await _flow.ProcessAsync(job, admission, CancellationToken.None);

        Assert.Equal(AdmissionKind.Disabled, admission.Kind);
        Assert.Null(attempt);
        var stored = await StoredAsync(job);
        Assert.Equal((DeliveryStatus.Dead, "endpoint disabled", 0), (stored!.Status, stored.LastError, stored.AttemptCount));
    }

    [Fact]
    public void EndpointDisabledReason_NamesTheEnginesLastDisableWithItsDate()
    {
        var health = new SubscriptionHealth().MarkDisabled("endpoint answered HTTP 410 Gone", Start);

        Assert.Equal("endpoint disabled (disabled 2026-11-21 12:00:00Z: endpoint answered HTTP 410 Gone)", EndpointFlow.EndpointDisabledReason(health));
        Assert.Equal("endpoint disabled", EndpointFlow.EndpointDisabledReason(new SubscriptionHealth()));
    }

    [Fact]
    public async Task RateLimitSpent_DeferredUntilTheNextTokenUnattempted()
    {
        var settings = new SubscriptionSettings { RateLimitPerSecond = 0.001, Burst = 1 };
        var job = await ClaimedJobAsync(settings: settings);
        Assert.Equal(AdmissionKind.Send, _flow.Admit(job).Kind);

        var admission = _flow.Admit(job);
        await _flow.ProcessAsync(job, admission, CancellationToken.None);

        Assert.Equal(AdmissionKind.RateLimited, admission.Kind);
        var stored = await StoredAsync(job);
        Assert.Equal((DeliveryStatus.Pending, 0), (stored!.Status, stored.AttemptCount));
        Assert.InRange(stored.NextAttemptAt, Start.AddSeconds(999), Start.AddSeconds(1001));
        Assert.Equal(0, _flow.CreateClaim(10, new Dictionary<string, int>()).Limits[job.Subscription.Id]);
    }

    [Fact]
    public async Task CircuitOpen_DeferredToTheEndOfTheBreakUnattempted()
    {
        var job = await ClaimedJobAsync();
        for (var i = 0; i < 2; i++)
        {
            await _circuits.ExecuteAsync(job.Subscription, _ =>
                ValueTask.FromResult(new DeliveryAttempt("dlv_x", 1, Start, 1, 500, "HTTP 500", null, DeliveryStatus.Failed)), CancellationToken.None);
        }

        _time.Advance(TimeSpan.FromSeconds(10));
        var attempt = await _flow.ProcessAsync(job, _flow.Admit(job), CancellationToken.None);

        Assert.Null(attempt);
        var stored = await StoredAsync(job);
        Assert.Equal((DeliveryStatus.Pending, 0, Start.AddSeconds(30)), (stored!.Status, stored.AttemptCount, stored.NextAttemptAt));
        Assert.Empty(await _store.ListAttemptsAsync("ten_a", job.Delivery.Id));
        var claim = _flow.CreateClaim(10, new Dictionary<string, int>());
        Assert.Equal((0, 7), (claim.Limits[job.Subscription.Id], claim.DefaultMaxConcurrencyPerSubscription));
    }
}
