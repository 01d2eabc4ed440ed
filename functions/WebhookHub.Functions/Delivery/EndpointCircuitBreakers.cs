using System.Collections.Concurrent;
using Polly;
using Polly.CircuitBreaker;
using WebhookHub.Delivery;
using WebhookHub.Functions.Telemetry;
using WebhookHub.Tenancy;

namespace WebhookHub.Functions.Delivery;

/// <summary>
/// One Polly v8 circuit breaker per subscription (see <see cref="EndpointCircuitBreakerOptions"/>), on the host's
/// <see cref="TimeProvider"/>. Keyed by subscription ID rather than URL: the subscription is the unit the tenant configures,
/// the unit whose health is stored and that is disabled, and it keeps tenants apart (two tenants' subscriptions to one URL
/// never trip each other's circuit). A subscription whose URL changes gets a fresh, closed circuit. Thread-safe.
/// </summary>
/// <remarks>
/// The state lives in this process's memory only: a restart closes every circuit, and each instance of a scaled-out
/// deployment keeps its own. What counts as a failure: see <see cref="IsEndpointFailure"/>; an exception (shutdown, a store
/// error) is not the endpoint's fault and counts as neither.
/// </remarks>
internal sealed class EndpointCircuitBreakers
{
    /// <summary>When the failing outcome of an execution was judged: the moment Polly opens the circuit, if this failure opens it.</summary>
    private static readonly ResiliencePropertyKey<DateTimeOffset> JudgedAt = new("webhookhub.judgedAt");

    private readonly EndpointCircuitBreakerOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Circuit> _circuits = new();
    private readonly ConcurrentDictionary<string, Circuit> _notClosed = new();

    public EndpointCircuitBreakers(DeliveryOptions options, TimeProvider timeProvider, ILogger<EndpointCircuitBreakers> logger)
    {
        var configured = options.CircuitBreaker;
        _options = new EndpointCircuitBreakerOptions
        {
            FailureRatio = configured.FailureRatio,
            MinimumThroughput = configured.MinimumThroughput,
            SamplingDuration = configured.SamplingDuration,
            BreakDuration = configured.BreakDuration,
        };
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Runs one attempt through the subscription's circuit.</summary>
    /// <exception cref="BrokenCircuitException">The circuit is open (or half-open with its probe under way): nothing was sent.</exception>
    public async ValueTask<DeliveryAttempt> ExecuteAsync(
        Subscription subscription, Func<CancellationToken, ValueTask<DeliveryAttempt>> attempt, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            return await CircuitFor(subscription).Pipeline
                .ExecuteAsync(static (context, attempt) => attempt(context.CancellationToken), context, attempt)
                .ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// Whether an attempt counts against the endpoint's circuit: no answer (timeout, connection refused or reset, DNS), a 5xx,
    /// 429 Too Many Requests or 408 Request Timeout. Other answers (2xx, 3xx, other 4xx) show a reachable endpoint deciding for
    /// itself; they count as successes here, though the delivery may still fail or be dead-lettered by the outcome rules.
    /// </summary>
    public static bool IsEndpointFailure(DeliveryAttempt attempt) =>
        attempt.Outcome != DeliveryStatus.Succeeded && attempt.StatusCode is null or >= 500 or 429 or 408;

    /// <summary>When a delivery turned away by the open circuit should come due again: when the break ends, else after one break.</summary>
    public DateTimeOffset RetryAt(string subscriptionId, DateTimeOffset now) =>
        _circuits.TryGetValue(subscriptionId, out var circuit) && circuit.BlockedUntil > now ? circuit.BlockedUntil : now + _options.BreakDuration;

    /// <summary>
    /// Adds a claim limit for every subscription whose circuit is not closed: 0 while its break lasts, then 1 for the probe
    /// (0 while the probe is in flight).
    /// </summary>
    public void AddClaimLimits(Dictionary<string, int> limits, DateTimeOffset now, IReadOnlyDictionary<string, int> inFlight)
    {
        foreach (var (id, circuit) in _notClosed)
        {
            var limit = circuit.State.CircuitState == CircuitState.Open && now < circuit.BlockedUntil
                ? 0
                : Math.Max(0, 1 - inFlight.GetValueOrDefault(id));
            limits[id] = limits.TryGetValue(id, out var other) ? Math.Min(other, limit) : limit;
        }
    }

    /// <summary>The circuit's state, for tests and diagnostics; <see cref="CircuitState.Closed"/> for a subscription never attempted.</summary>
    public CircuitState StateOf(string subscriptionId) =>
        _circuits.TryGetValue(subscriptionId, out var circuit) ? circuit.State.CircuitState : CircuitState.Closed;

    private Circuit CircuitFor(Subscription subscription)
    {
        while (true)
        {
            if (_circuits.TryGetValue(subscription.Id, out var existing))
            {
                if (existing.Url == subscription.Url) return existing;
                if (!_circuits.TryUpdate(subscription.Id, Create(subscription), existing)) continue;
                _notClosed.TryRemove(subscription.Id, out _);
                return _circuits[subscription.Id];
            }

            var created = Create(subscription);
            if (_circuits.TryAdd(subscription.Id, created)) return created;
        }
    }

    private Circuit Create(Subscription subscription)
    {
        var circuit = new Circuit(subscription.Url, new CircuitBreakerStateProvider());
        circuit.Pipeline = new ResiliencePipelineBuilder<DeliveryAttempt> { TimeProvider = _timeProvider }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<DeliveryAttempt>
            {
                FailureRatio = _options.FailureRatio,
                MinimumThroughput = _options.MinimumThroughput,
                SamplingDuration = _options.SamplingDuration,
                BreakDuration = _options.BreakDuration,
                StateProvider = circuit.State,
                ShouldHandle = args =>
                {
                    var failed = args.Outcome.Result is { } attempt && IsEndpointFailure(attempt);
                    if (failed) args.Context.Properties.Set(JudgedAt, _timeProvider.GetUtcNow());
                    return ValueTask.FromResult(failed);
                },
                OnOpened = args =>
                {
                    // Polly runs this callback after the state change, possibly later: the break starts when the failure was judged.
                    var openedAt = args.Context.Properties.TryGetValue(JudgedAt, out var judgedAt) ? judgedAt : _timeProvider.GetUtcNow();
                    circuit.BlockedUntil = openedAt + args.BreakDuration;
                    if (_circuits.TryGetValue(subscription.Id, out var current) && ReferenceEquals(current, circuit)) _notClosed[subscription.Id] = circuit;
                    Log.CircuitOpened(_logger, subscription.TenantId, subscription.Id, args.BreakDuration.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    _notClosed.TryRemove(new KeyValuePair<string, Circuit>(subscription.Id, circuit));
                    Log.CircuitClosed(_logger, subscription.TenantId, subscription.Id);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        return circuit;
    }

    private sealed class Circuit(string url, CircuitBreakerStateProvider state)
    {
        private long _blockedUntilTicks;

        public string Url { get; } = url;

        public CircuitBreakerStateProvider State { get; } = state;

        public ResiliencePipeline<DeliveryAttempt> Pipeline { get; set; } = ResiliencePipeline<DeliveryAttempt>.Empty;

        public DateTimeOffset BlockedUntil
        {
            get => new(Interlocked.Read(ref _blockedUntilTicks), TimeSpan.Zero);
            set => Interlocked.Exchange(ref _blockedUntilTicks, value.UtcTicks);
        }
    }
}
