using WebhookHub.Routing;
using WebhookHub.Tenancy;

namespace WebhookHub.Delivery;

/// <summary>
/// When a failed delivery is tried again. The schedule is the subscription's (per event type, then for every type) or else the
/// operator's <see cref="DeliveryOptions.RetryDelays"/>; the delay for the next attempt is scaled by jitter, then raised by the
/// overload penalty after a 429 or a timeout, then pushed back to the receiver's <c>Retry-After</c> (capped) when that is later;
/// <see langword="null"/> once the schedule is exhausted.
/// Thread-safe when <paramref name="random"/> is (<see cref="Random.Shared"/> is).
/// </summary>
/// <remarks>
/// In one formula, with <c>d</c> the schedule's entry for the next attempt and <c>r</c> the random number in [0, 1):
/// <c>backoff = d × (1 + jitter × (2r − 1))</c>; when overloaded <c>backoff += min(backoff × (factor − 1), MaxOverloadPenalty)</c>;
/// then <c>delay = max(backoff, min(Retry-After, MaxRetryAfter))</c>.
/// </remarks>
/// <param name="options">Delays, jitter ratio, Retry-After cap and overload penalty; copied at construction.</param>
/// <param name="random">Source of jitter; tests pass a deterministic one.</param>
public sealed class RetrySchedule(DeliveryOptions options, Random random)
{
    private readonly TimeSpan[] _delays = options.RetryDelays is { Length: > 0 } configured ? configured.ToArray() : DeliveryDefaults.RetryDelays.ToArray();
    private readonly double _jitter = options.JitterRatio;
    private readonly TimeSpan _maxRetryAfter = options.MaxRetryAfter;
    private readonly double _penaltyFactor = options.OverloadPenaltyFactor;
    private readonly TimeSpan _maxPenalty = options.MaxOverloadPenalty;

    /// <summary>Attempts per cycle before dead-lettering, with the operator's schedule.</summary>
    public int MaxAttempts => _delays.Length;

    /// <summary>The operator's schedule: the delay before each attempt (entry 0 before the first).</summary>
    public IReadOnlyList<TimeSpan> DefaultDelays => _delays;

    /// <summary>
    /// The schedule for one event of a subscription: the most specific <see cref="SubscriptionSettings.RetryDelaysByEventType"/>
    /// key matching <paramref name="eventType"/> (exact type, then the longest prefix wildcard), else
    /// <see cref="SubscriptionSettings.RetryDelaysSeconds"/>, else <see cref="DefaultDelays"/>.
    /// </summary>
    /// <param name="settings">The subscription's settings.</param>
    /// <param name="eventType">The event's type, or <see langword="null"/> when the provider gives none.</param>
    public IReadOnlyList<TimeSpan> DelaysFor(SubscriptionSettings settings, string? eventType)
    {
        int[]? best = null;
        var bestRank = int.MinValue;
        if (settings.RetryDelaysByEventType is { Count: > 0 } byType)
        {
            foreach (var (filter, delays) in byType)
            {
                if (delays is not { Length: > 0 } || !EventTypeFilter.Matches(filter, eventType)) continue;
                var rank = Specificity(filter);
                if (rank > bestRank)
                {
                    best = delays;
                    bestRank = rank;
                }
            }
        }

        best ??= settings.RetryDelaysSeconds is { Length: > 0 } all ? all : null;
        return best is null ? _delays : Array.ConvertAll(best, s => TimeSpan.FromSeconds(Math.Max(0, s)));
    }

    /// <summary>Returns how long to wait before the next attempt with the operator's schedule, or <see langword="null"/> when none is left.</summary>
    /// <param name="attemptsMade">Attempts made in this cycle, including the one that just failed (one-based).</param>
    /// <param name="retryAfter">The receiver's <c>Retry-After</c>, if any.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attemptsMade"/> is less than 1.</exception>
    public TimeSpan? NextDelay(int attemptsMade, TimeSpan? retryAfter) => NextDelay(_delays, attemptsMade, retryAfter, overloaded: false);

    /// <summary>Returns how long to wait before the next attempt, or <see langword="null"/> when <paramref name="delays"/> has none left.</summary>
    /// <param name="delays">The schedule (see <see cref="DelaysFor"/>); its length is the number of attempts.</param>
    /// <param name="attemptsMade">Attempts made in this cycle, including the one that just failed (one-based).</param>
    /// <param name="retryAfter">The receiver's <c>Retry-After</c>, if any; capped at <see cref="DeliveryOptions.MaxRetryAfter"/>.</param>
    /// <param name="overloaded">The attempt answered 429 or timed out: add the overload penalty.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attemptsMade"/> is less than 1.</exception>
    public TimeSpan? NextDelay(IReadOnlyList<TimeSpan> delays, int attemptsMade, TimeSpan? retryAfter, bool overloaded)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attemptsMade, 1);
        if (attemptsMade >= delays.Count) return null;

        var factor = 1 + _jitter * (2 * random.NextDouble() - 1);
        var delay = delays[attemptsMade] * factor;
        if (overloaded)
        {
            var penalty = delay * (_penaltyFactor - 1);
            delay += penalty < _maxPenalty ? penalty : _maxPenalty;
        }

        if (retryAfter is { } requested)
        {
            var capped = requested < _maxRetryAfter ? requested : _maxRetryAfter;
            if (capped > delay) delay = capped;
        }

        return delay;
    }

    /// <summary>
    /// Exact types outrank every wildcard; a longer prefix outranks a shorter one; <c>*</c> ranks last. Two different keys that
    /// match the same type never rank equal (equal length wildcards matching one type are the same key).
    /// </summary>
    private static int Specificity(string filter) =>
        filter == "*" ? 0 : filter.EndsWith(".*", StringComparison.Ordinal) ? filter.Length : int.MaxValue;
}
