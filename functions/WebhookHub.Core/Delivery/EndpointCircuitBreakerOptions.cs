using System.ComponentModel.DataAnnotations;

namespace WebhookHub.Delivery;

/// <summary>
/// The per-endpoint circuit breaker (Polly v8's advanced circuit breaker, see pollydocs.org/strategies/circuit-breaker), bound
/// from <c>WebhookHub:Delivery:CircuitBreaker</c>. An attempt counts as failed when the endpoint looks unavailable: no answer
/// (timeout, connection error), a 5xx, 429 or 408; other answers, 3xx and 4xx included, show an endpoint that is up. The circuit opens when, within <see cref="SamplingDuration"/>, at least
/// <see cref="MinimumThroughput"/> attempts were made and at least <see cref="FailureRatio"/> of them failed; it stays open for
/// <see cref="BreakDuration"/>, then lets one attempt through as a probe (half-open): success closes it, failure opens it again.
/// While it is open, the endpoint's deliveries wait without using up an attempt or a step of their retry schedule.
/// </summary>
/// <remarks>
/// One circuit per subscription, kept in the memory of each process: a restart closes every circuit, and instances of a
/// scaled-out deployment each judge the endpoint on the attempts they made themselves.
/// </remarks>
public sealed class EndpointCircuitBreakerOptions
{
    /// <summary>The share of failed attempts in the sampling window that opens the circuit, above 0 and at most 1.</summary>
    /// <value>0.5.</value>
    [Range(0.001, 1.0)]
    public double FailureRatio { get; set; } = DeliveryDefaults.CircuitBreaker.FailureRatio;

    /// <summary>How many attempts the sampling window must hold before <see cref="FailureRatio"/> is judged; at least 2.</summary>
    /// <value>10.</value>
    [Range(2, 100_000)]
    public int MinimumThroughput { get; set; } = DeliveryDefaults.CircuitBreaker.MinimumThroughput;

    /// <summary>The rolling window over which attempts are counted, from 0.5 seconds to 1 day.</summary>
    /// <value>60 seconds.</value>
    public TimeSpan SamplingDuration { get; set; } = DeliveryDefaults.CircuitBreaker.SamplingDuration;

    /// <summary>How long an open circuit holds the endpoint's deliveries before one probe goes through, from 0.5 seconds to 1 day.</summary>
    /// <value>30 seconds.</value>
    public TimeSpan BreakDuration { get; set; } = DeliveryDefaults.CircuitBreaker.BreakDuration;
}
