using System.Net;
using WebhookHub.Delivery;
using WebhookHub.Ingestion;
using WebhookHub.Tenancy;

namespace WebhookHub.Tests.Support;

/// <summary>
/// A <see cref="Deliverer"/> wired as the host wires it (pooled handler, no redirects, SSRF guard allowing loopback) but on a
/// <see cref="FakeTimeProvider"/>, a fixed random (no jitter unless asked) and in-memory stores, so one attempt's outcome can be
/// checked without the workers. <see cref="DeliverAsync"/> runs one attempt of a fresh or given delivery and returns what
/// was recorded and the subscription as stored afterwards.
/// </summary>
public sealed class DelivererHarness : IDisposable
{
    private readonly HttpClient _client;

    /// <summary>Creates a harness.</summary>
    /// <param name="time">The clock of the deliverer (attempt timeout, timestamps, retry times).</param>
    /// <param name="configure">Changes to the default <see cref="DeliveryOptions"/> (jitter is 0 unless set here).</param>
    /// <param name="resolve">Host name resolution for the SSRF guard; the system's when null.</param>
    public DelivererHarness(FakeTimeProvider time, Action<DeliveryOptions>? configure = null, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        Time = time;
        Options = new DeliveryOptions { JitterRatio = 0, AllowedNetworks = ["127.0.0.0/8"] };
        configure?.Invoke(Options);
        var guard = new SsrfGuard(Options.AllowedNetworks, resolve);
        _client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, ConnectCallback = guard.ConnectAsync })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        Deliverer = new Deliverer(_client, Deliveries, Subscriptions, new RetrySchedule(Options, new FixedRandom(0.5)), Options, time);
    }

    public FakeTimeProvider Time { get; }

    public DeliveryOptions Options { get; }

    public Deliverer Deliverer { get; }

    public RecordingDeliveryStore Deliveries { get; } = new();

    public InMemorySubscriptionStore Subscriptions { get; } = new();

    /// <summary>A stored, active subscription to <paramref name="url"/> with a fresh signing secret.</summary>
    public Subscription AddSubscription(string url, SubscriptionSettings? settings = null, bool active = true)
    {
        var subscription = new Subscription(ApiKeys.NewId("sub"), "ten_test", url, ["*"], [], ApiKeys.CreateSigningSecret(), active, Time.GetUtcNow())
        {
            Settings = settings ?? new SubscriptionSettings(),
        };
        Subscriptions.Add(subscription);
        return subscription;
    }

    /// <summary>An event of <paramref name="eventType"/> with a small JSON payload.</summary>
    public WebhookEvent NewEvent(string? eventType = "invoice.paid") =>
        new(ApiKeys.NewId("evt"), "ten_test", "src_test", ApiKeys.NewId("p"), eventType, "application/json",
            """{"hello":"world"}"""u8.ToArray(), Time.GetUtcNow());

    /// <summary>
    /// Runs one attempt of <paramref name="delivery"/> (a new pending delivery of <paramref name="webhookEvent"/> when null) to the
    /// subscription as currently stored; returns the attempt, the delivery as recorded and the subscription as stored after it.
    /// </summary>
    public async Task<(DeliveryAttempt Attempt, WebhookDelivery Delivery, Subscription Subscription)> DeliverAsync(
        Subscription subscription, WebhookEvent? webhookEvent = null, WebhookDelivery? delivery = null)
    {
        webhookEvent ??= NewEvent();
        delivery ??= WebhookDelivery.CreatePending(webhookEvent, subscription.Id, Time.GetUtcNow());
        var current = Subscriptions.Get(subscription.Id);
        var attempt = await Deliverer.DeliverAsync(new DeliveryJob(delivery, webhookEvent, current)).DefaultTimeout();
        return (attempt, Deliveries.Latest(delivery.Id), Subscriptions.Get(subscription.Id));
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>An <see cref="IDeliveryStore"/> that keeps what <see cref="IDeliveryStore.RecordAttemptAsync"/> records; nothing else is supported.</summary>
public sealed class RecordingDeliveryStore : IDeliveryStore
{
    private readonly List<(WebhookDelivery Delivery, DeliveryAttempt Attempt)> _recorded = [];

    public IReadOnlyList<(WebhookDelivery Delivery, DeliveryAttempt Attempt)> Recorded
    {
        get { lock (_recorded) return _recorded.ToArray(); }
    }

    public WebhookDelivery Latest(string deliveryId) => Recorded.Last(r => r.Delivery.Id == deliveryId).Delivery;

    public Task RecordAttemptAsync(WebhookDelivery updated, DeliveryAttempt attempt, CancellationToken cancellationToken = default)
    {
        lock (_recorded) _recorded.Add((updated, attempt));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DeliveryJob>> ClaimDueAsync(int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<DeliveryJob>> ClaimDueAsync(DeliveryClaim claim, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> DeferAsync(string tenantId, string deliveryId, DateTimeOffset until, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ClaimByIdResult> ClaimByIdAsync(string tenantId, string deliveryId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> DeadLetterAsync(string tenantId, string deliveryId, string reason, DateTimeOffset now, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<WebhookDelivery?> GetDeliveryAsync(string tenantId, string deliveryId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string tenantId, DeliveryStatus? status, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<DeliveryAttempt>> ListAttemptsAsync(string tenantId, string deliveryId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<string>> ReplayAsync(IReadOnlyList<WebhookDelivery> deliveries, DateTimeOffset now, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}

/// <summary>An <see cref="ITenantStore"/> holding subscriptions only (what the deliverer reads and writes); the rest is not supported.</summary>
public sealed class InMemorySubscriptionStore : ITenantStore
{
    private readonly Dictionary<string, Subscription> _subscriptions = [];

    /// <summary>How many times the health was written.</summary>
    public int HealthUpdates { get; private set; }

    public void Add(Subscription subscription)
    {
        lock (_subscriptions) _subscriptions[subscription.Id] = subscription;
    }

    public Subscription Get(string subscriptionId)
    {
        lock (_subscriptions) return _subscriptions[subscriptionId];
    }

    public Task<Subscription?> GetSubscriptionAsync(string tenantId, string subscriptionId, CancellationToken cancellationToken = default)
    {
        lock (_subscriptions)
        {
            return Task.FromResult(_subscriptions.TryGetValue(subscriptionId, out var s) && s.TenantId == tenantId ? Copy(s) : null);
        }
    }

    public Task<bool> UpdateSubscriptionHealthAsync(string tenantId, string subscriptionId, bool active, SubscriptionHealth health, CancellationToken cancellationToken = default)
    {
        lock (_subscriptions)
        {
            if (!_subscriptions.TryGetValue(subscriptionId, out var s) || s.TenantId != tenantId) return Task.FromResult(false);
            _subscriptions[subscriptionId] = s with { Active = active, Health = health };
            HealthUpdates++;
            return Task.FromResult(true);
        }
    }

    public Task<bool> UpdateSubscriptionAsync(Subscription subscription, CancellationToken cancellationToken = default)
    {
        lock (_subscriptions)
        {
            if (!_subscriptions.TryGetValue(subscription.Id, out var s)) return Task.FromResult(false);
            _subscriptions[subscription.Id] = subscription with { Health = s.Health };
            return Task.FromResult(true);
        }
    }

    public Task<bool> UpdateSubscriptionSigningAsync(string tenantId, string subscriptionId, string expectedSecret, string secret,
        SubscriptionSigningKeys signingKeys, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        lock (_subscriptions) return Task.FromResult<IReadOnlyList<Subscription>>(_subscriptions.Values.Where(s => s.TenantId == tenantId).ToList());
    }

    public Task CreateSubscriptionAsync(Subscription subscription, CancellationToken cancellationToken = default)
    {
        Add(subscription);
        return Task.CompletedTask;
    }

    public Task CreateTenantAsync(Tenant tenant, byte[] apiKeyHash, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Tenant?> FindTenantByApiKeyHashAsync(byte[] apiKeyHash, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task CreateSourceAsync(Source source, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Source?> GetSourceAsync(string sourceId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> UpdateSourceSecretsAsync(string tenantId, string sourceId, IReadOnlyList<SourceSecret> secrets, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Source>> ListSourcesAsync(string tenantId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    /// <summary>A copy whose health is a separate object (every field, through JSON), as a store read would return.</summary>
    private static Subscription Copy(Subscription s) => s with
    {
        Health = System.Text.Json.JsonSerializer.Deserialize<SubscriptionHealth>(System.Text.Json.JsonSerializer.Serialize(s.Health))!,
    };
}
