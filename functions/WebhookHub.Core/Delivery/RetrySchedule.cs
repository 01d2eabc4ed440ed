namespace WebhookHub.Delivery;

/// <summary>
/// When a failed delivery is tried again: the configured delay for the next attempt scaled by jitter, pushed back to the
/// receiver's <c>Retry-After</c> (capped) when that is later; <see langword="null"/> once the schedule is exhausted.
/// Thread-safe when <paramref name="random"/> is (<see cref="Random.Shared"/> is).
/// </summary>
/// <param name="options">Delays, jitter ratio and Retry-After cap; copied at construction.</param>
/// <param name="random">Source of jitter; tests pass a deterministic one.</param>
public sealed class RetrySchedule(DeliveryOptions options, Random random)
{
    private readonly TimeSpan[] _delays = options.RetryDelays is { Length: > 0 } configured ? configured.ToArray() : DeliveryDefaults.RetryDelays.ToArray();
    private readonly double _jitter = options.JitterRatio;
    private readonly TimeSpan _maxRetryAfter = options.MaxRetryAfter;

    /// <summary>Attempts per cycle before dead-lettering.</summary>
    public int MaxAttempts => _delays.Length;

    /// <summary>Returns how long to wait before the next attempt, or <see langword="null"/> when none is left.</summary>
    /// <param name="attemptsMade">Attempts made in this cycle, including the one that just failed (one-based).</param>
    /// <param name="retryAfter">The receiver's <c>Retry-After</c>, if any.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attemptsMade"/> is less than 1.</exception>
    public TimeSpan? NextDelay(int attemptsMade, TimeSpan? retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attemptsMade, 1);
        if (attemptsMade >= _delays.Length) return null;

        var factor = 1 + _jitter * (2 * random.NextDouble() - 1);
        var delay = _delays[attemptsMade] * factor;
        if (retryAfter is { } requested)
        {
            var capped = requested < _maxRetryAfter ? requested : _maxRetryAfter;
            if (capped > delay) delay = capped;
        }

        return delay;
    }
}
