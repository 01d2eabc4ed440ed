using Microsoft.Extensions.Logging.Abstractions;
using Polly.CircuitBreaker;
using WebhookHub.Delivery;
using WebhookHub.Functions.Delivery;
using WebhookHub.Tenancy;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Delivery;

/// <summary>The per-subscription Polly circuit breaker on a fake clock.</summary>
public sealed class EndpointCircuitBreakersTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly EndpointCircuitBreakers _circuits;
    private readonly Subscription _subscription = Subscription("sub_a", "https://a.example.com/h");
    private int _sent;

    public EndpointCircuitBreakersTests()
    {
        var options = new DeliveryOptions
        {
            CircuitBreaker = new EndpointCircuitBreakerOptions
            {
                FailureRatio = 0.5, MinimumThroughput = 4, SamplingDuration = TimeSpan.FromSeconds(60), BreakDuration = TimeSpan.FromSeconds(30),
            },
        };
        _circuits = new EndpointCircuitBreakers(options, _time, NullLogger<EndpointCircuitBreakers>.Instance);
    }

    private static Subscription Subscription(string id, string url) =>
        new(id, "ten_a", url, ["*"], [], "whsec_x", true, Start);

    private Task<DeliveryAttempt> AttemptAsync(DeliveryStatus outcome, Subscription? subscription = null) =>
        _circuits.ExecuteAsync(subscription ?? _subscription, _ =>
        {
            _sent++;
            return ValueTask.FromResult(new DeliveryAttempt("dlv_1", _sent, _time.GetUtcNow(), 1,
                outcome == DeliveryStatus.Succeeded ? 200 : 503, outcome == DeliveryStatus.Succeeded ? null : "HTTP 503", null, outcome));
        }, CancellationToken.None).AsTask();

    private int? ClaimLimit(string id, int inFlight = 0)
    {
        var limits = new Dictionary<string, int>();
        _circuits.AddClaimLimits(limits, _time.GetUtcNow(), new Dictionary<string, int> { [id] = inFlight });
        return limits.TryGetValue(id, out var limit) ? limit : null;
    }

    [Fact]
    public async Task ExecuteAsync_FailureRatioReachedWithMinimumThroughput_OpensAndHoldsBack()
    {
        await AttemptAsync(DeliveryStatus.Succeeded);
        await AttemptAsync(DeliveryStatus.Failed);
        await AttemptAsync(DeliveryStatus.Succeeded);
        Assert.Equal(CircuitState.Closed, _circuits.StateOf(_subscription.Id));
        Assert.Null(ClaimLimit(_subscription.Id));

        await AttemptAsync(DeliveryStatus.Failed);

        Assert.Equal(CircuitState.Open, _circuits.StateOf(_subscription.Id));
        await Assert.ThrowsAsync<BrokenCircuitException>(() => AttemptAsync(DeliveryStatus.Succeeded));
        Assert.Equal(4, _sent);
        Assert.Equal(0, ClaimLimit(_subscription.Id));
        Assert.Equal(Start.AddSeconds(30), _circuits.RetryAt(_subscription.Id, _time.GetUtcNow()));
    }

    [Theory]
    [InlineData(404, DeliveryStatus.Dead, false)]
    [InlineData(400, DeliveryStatus.Failed, false)]
    [InlineData(302, DeliveryStatus.Failed, false)]
    [InlineData(410, DeliveryStatus.Dead, false)]
    [InlineData(200, DeliveryStatus.Succeeded, false)]
    [InlineData(500, DeliveryStatus.Failed, true)]
    [InlineData(503, DeliveryStatus.Dead, true)]
    [InlineData(429, DeliveryStatus.Failed, true)]
    [InlineData(408, DeliveryStatus.Failed, true)]
    [InlineData(null, DeliveryStatus.Failed, true)]
    public async Task ExecuteAsync_OnlyUnavailableEndpointAnswersCount(int? statusCode, DeliveryStatus outcome, bool opens)
    {
        for (var i = 0; i < 4; i++)
        {
            await _circuits.ExecuteAsync(_subscription, _ =>
                ValueTask.FromResult(new DeliveryAttempt("dlv_1", i + 1, Start, 1, statusCode, "x", null, outcome)), CancellationToken.None);
        }

        Assert.Equal(opens ? CircuitState.Open : CircuitState.Closed, _circuits.StateOf(_subscription.Id));
    }

    [Fact]
    public async Task ExecuteAsync_BelowMinimumThroughput_StaysClosedWhateverTheRatio()
    {
        for (var i = 0; i < 3; i++) await AttemptAsync(DeliveryStatus.Failed);

        Assert.Equal(CircuitState.Closed, _circuits.StateOf(_subscription.Id));
    }

    [Fact]
    public async Task ExecuteAsync_FailuresOutsideTheSamplingWindow_DoNotCount()
    {
        for (var i = 0; i < 3; i++) await AttemptAsync(DeliveryStatus.Failed);
        _time.Advance(TimeSpan.FromSeconds(61));

        await AttemptAsync(DeliveryStatus.Failed);

        Assert.Equal(CircuitState.Closed, _circuits.StateOf(_subscription.Id));
    }

    [Fact]
    public async Task BreakOver_OneProbe_SuccessCloses()
    {
        for (var i = 0; i < 4; i++) await AttemptAsync(DeliveryStatus.Failed);
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, ClaimLimit(_subscription.Id));

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, ClaimLimit(_subscription.Id));
        Assert.Equal(0, ClaimLimit(_subscription.Id, inFlight: 1));
        await AttemptAsync(DeliveryStatus.Succeeded);
        Assert.Equal(CircuitState.Closed, _circuits.StateOf(_subscription.Id));
        Assert.Null(ClaimLimit(_subscription.Id));
    }

    [Fact]
    public async Task BreakOver_ProbeFails_OpensForAnotherBreak()
    {
        for (var i = 0; i < 4; i++) await AttemptAsync(DeliveryStatus.Failed);
        _time.Advance(TimeSpan.FromSeconds(30));

        await AttemptAsync(DeliveryStatus.Failed);

        Assert.Equal(CircuitState.Open, _circuits.StateOf(_subscription.Id));
        Assert.Equal(0, ClaimLimit(_subscription.Id));
        Assert.Equal(Start.AddSeconds(60), _circuits.RetryAt(_subscription.Id, _time.GetUtcNow()));
    }

    [Fact]
    public async Task HalfOpen_SecondAttemptWhileProbing_Refused()
    {
        for (var i = 0; i < 4; i++) await AttemptAsync(DeliveryStatus.Failed);
        _time.Advance(TimeSpan.FromSeconds(30));
        var probe = new TaskCompletionSource<DeliveryAttempt>();
        var probing = _circuits.ExecuteAsync(_subscription, _ => new ValueTask<DeliveryAttempt>(probe.Task), CancellationToken.None).AsTask();

        await Assert.ThrowsAsync<BrokenCircuitException>(() => AttemptAsync(DeliveryStatus.Succeeded));
        probe.SetResult(new DeliveryAttempt("dlv_1", 9, _time.GetUtcNow(), 1, 200, null, null, DeliveryStatus.Succeeded));
        await probing.DefaultTimeout();

        Assert.Equal(CircuitState.Closed, _circuits.StateOf(_subscription.Id));
    }

    [Fact]
    public async Task OneSubscriptionOpen_OthersAndANewUrlUnaffected()
    {
        var other = Subscription("sub_b", "https://a.example.com/h");
        for (var i = 0; i < 4; i++) await AttemptAsync(DeliveryStatus.Failed);

        await AttemptAsync(DeliveryStatus.Succeeded, other);
        Assert.Equal(CircuitState.Closed, _circuits.StateOf(other.Id));

        var moved = _subscription with { Url = "https://b.example.com/h" };
        await AttemptAsync(DeliveryStatus.Succeeded, moved);
        Assert.Equal(CircuitState.Closed, _circuits.StateOf(_subscription.Id));
        Assert.Null(ClaimLimit(_subscription.Id));
    }
}
