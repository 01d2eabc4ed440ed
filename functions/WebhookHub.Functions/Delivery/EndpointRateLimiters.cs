using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using WebhookHub.Tenancy;

namespace WebhookHub.Functions.Delivery;

/// <summary>
/// One token bucket (<see cref="TokenBucketRateLimiter"/>) per subscription that sets
/// <see cref="SubscriptionSettings.RateLimitPerSecond"/>: it holds <see cref="SubscriptionSettings.Burst"/> tokens and refills
/// continuously at the rate; each attempt takes one. Buckets are replenished when read rather than by a timer, so idle ones
/// cost nothing; a subscription whose limit changes gets a new, full bucket. Kept in this process's memory. Thread-safe.
/// </summary>
/// <remarks>The bucket measures time with <see cref="System.Diagnostics.Stopwatch"/> (the limiter takes no <see cref="TimeProvider"/>).</remarks>
internal sealed class EndpointRateLimiters : IDisposable
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new();

    /// <summary>Takes a token for one attempt to <paramref name="subscription"/>'s endpoint.</summary>
    /// <param name="subscription">The subscription, with its current settings.</param>
    /// <param name="retryAfter">When refused: how long until a token is due.</param>
    /// <returns><see langword="true"/> when the attempt may go now (always, for a subscription without a rate limit).</returns>
    public bool TryAcquire(Subscription subscription, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (BucketFor(subscription) is not { } bucket) return true;
        bucket.Limiter.TryReplenish();
        using var lease = bucket.Limiter.AttemptAcquire(1);
        if (lease.IsAcquired) return true;
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : bucket.Limiter.ReplenishmentPeriod;
        return false;
    }

    /// <summary>Limits each rate-limited subscription's claim to the tokens in its bucket now.</summary>
    public void AddClaimLimits(Dictionary<string, int> limits)
    {
        foreach (var (id, bucket) in _buckets)
        {
            bucket.Limiter.TryReplenish();
            var available = (int)Math.Min(bucket.Limiter.GetStatistics()?.CurrentAvailablePermits ?? 0, int.MaxValue);
            limits[id] = limits.TryGetValue(id, out var other) ? Math.Min(other, available) : available;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var bucket in _buckets.Values) bucket.Limiter.Dispose();
        _buckets.Clear();
    }

    private Bucket? BucketFor(Subscription subscription)
    {
        var settings = subscription.Settings;
        if (settings.RateLimitPerSecond is not { } rate)
        {
            if (_buckets.TryRemove(subscription.Id, out var removed)) removed.Limiter.Dispose();
            return null;
        }

        var burst = settings.Burst ?? (int)Math.Max(1, Math.Ceiling(rate));
        while (true)
        {
            if (_buckets.TryGetValue(subscription.Id, out var existing))
            {
                if (existing.Rate == rate && existing.Burst == burst) return existing;
                var replacement = Create(rate, burst);
                if (_buckets.TryUpdate(subscription.Id, replacement, existing))
                {
                    existing.Limiter.Dispose();
                    return replacement;
                }

                replacement.Limiter.Dispose();
                continue;
            }

            var created = Create(rate, burst);
            if (_buckets.TryAdd(subscription.Id, created)) return created;
            created.Limiter.Dispose();
        }
    }

    private static Bucket Create(double rate, int burst) => new(rate, burst, new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
    {
        TokenLimit = burst,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromTicks(Math.Max(1, (long)(TimeSpan.TicksPerSecond / rate))),
        AutoReplenishment = false,
        QueueLimit = 0,
    }));

    private sealed record Bucket(double Rate, int Burst, TokenBucketRateLimiter Limiter);
}
