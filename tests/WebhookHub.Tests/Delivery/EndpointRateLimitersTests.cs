using WebhookHub.Functions.Delivery;
using WebhookHub.Tenancy;

namespace WebhookHub.Tests.Delivery;

/// <summary>Per-subscription token buckets. Rates are chosen so that no token can refill while a test runs.</summary>
public sealed class EndpointRateLimitersTests : IDisposable
{
    private readonly EndpointRateLimiters _limiters = new();

    public void Dispose() => _limiters.Dispose();

    private static Subscription Subscription(double? rate, int? burst) =>
        new("sub_a", "ten_a", "https://a.example.com/h", ["*"], [], "whsec_x", true, DateTimeOffset.UnixEpoch)
        {
            Settings = new SubscriptionSettings { RateLimitPerSecond = rate, Burst = burst },
        };

    private int? ClaimLimit()
    {
        var limits = new Dictionary<string, int>();
        _limiters.AddClaimLimits(limits);
        return limits.TryGetValue("sub_a", out var limit) ? limit : null;
    }

    [Fact]
    public void TryAcquire_NoRateLimit_AlwaysAndNoClaimLimit()
    {
        var subscription = Subscription(null, null);

        Assert.All(Enumerable.Range(0, 100), i => Assert.True(_limiters.TryAcquire(subscription, out _)));
        Assert.Null(ClaimLimit());
    }

    [Fact]
    public void TryAcquire_BurstSpent_RefusedWithTheTimeToTheNextToken()
    {
        var subscription = Subscription(0.001, 3);
        Assert.Null(ClaimLimit());

        var granted = Enumerable.Range(0, 5).Count(i => _limiters.TryAcquire(subscription, out _));
        Assert.False(_limiters.TryAcquire(subscription, out var retryAfter));

        Assert.Equal(3, granted);
        Assert.Equal(0, ClaimLimit());
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(999), TimeSpan.FromSeconds(1001));
    }

    [Fact]
    public void TryAcquire_NoBurstGiven_OneSecondsWorth()
    {
        var subscription = Subscription(2.5, null);

        var granted = Enumerable.Range(0, 10).Count(i => _limiters.TryAcquire(subscription, out _));

        Assert.InRange(granted, 3, 4);
    }

    [Fact]
    public void TryAcquire_SettingsChanged_NewFullBucket()
    {
        Assert.True(_limiters.TryAcquire(Subscription(0.001, 1), out _));
        Assert.False(_limiters.TryAcquire(Subscription(0.001, 1), out _));

        Assert.True(_limiters.TryAcquire(Subscription(0.001, 2), out _));
        Assert.Equal(1, ClaimLimit());
        Assert.True(_limiters.TryAcquire(Subscription(null, null), out _));
        Assert.Null(ClaimLimit());
    }

    [Fact]
    public async Task TryAcquire_HighRate_RefillsContinuouslyWhenRead()
    {
        var subscription = Subscription(1000, 1);
        Assert.True(_limiters.TryAcquire(subscription, out _));

        await Task.Delay(50);

        Assert.True(_limiters.TryAcquire(subscription, out _));
    }
}
