using System.ComponentModel.DataAnnotations;

namespace WebhookHub.Delivery;

public sealed partial class DeliveryOptions
{
    /// <summary>
    /// How many deliveries of one subscription are in flight at once, unless the subscription sets its own
    /// <c>maxConcurrency</c>. Claiming honours it, so one slow endpoint holds at most this many of the
    /// <see cref="MaxConcurrency"/> slots and the others keep flowing.
    /// </summary>
    /// <value>10.</value>
    [Range(1, 1024)]
    public int MaxConcurrencyPerSubscription { get; set; } = DeliveryDefaults.MaxConcurrencyPerSubscription;

    /// <summary>The per-endpoint circuit breaker (section <c>WebhookHub:Delivery:CircuitBreaker</c>).</summary>
    /// <value>Failure ratio 0.5, minimum throughput 10, sampling 60 s, break 30 s.</value>
    public EndpointCircuitBreakerOptions CircuitBreaker { get; set; } = new();

    /// <summary>
    /// A subscription whose attempts have all failed for this long (no success since the first failure) is disabled: it stops
    /// receiving events, its waiting deliveries are dead-lettered with <c>endpoint disabled</c>, and the tenant gets a
    /// <c>webhookhub.endpoint.disabled</c> event. <see cref="TimeSpan.Zero"/> turns auto-disable off.
    /// </summary>
    /// <value>5 days.</value>
    public TimeSpan AutoDisableAfter { get; set; } = DeliveryDefaults.AutoDisableAfter;

    /// <summary>
    /// Operational events: <c>webhookhub.attempt.failing</c> is emitted when a delivery's attempt fails for this many consecutive
    /// times (once per delivery and retry cycle), and <c>webhookhub.endpoint.recovered</c> when an endpoint succeeds again after
    /// at least this many consecutive failed attempts.
    /// </summary>
    /// <value>4.</value>
    [Range(1, 100)]
    public int FailingEventAfterAttempts { get; set; } = DeliveryDefaults.FailingEventAfterAttempts;
}
