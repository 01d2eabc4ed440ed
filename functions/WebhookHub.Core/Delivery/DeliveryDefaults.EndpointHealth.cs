namespace WebhookHub.Delivery;

public static partial class DeliveryDefaults
{
    /// <summary>10 deliveries in flight per subscription.</summary>
    public const int MaxConcurrencyPerSubscription = 10;

    /// <summary>5 days.</summary>
    public static readonly TimeSpan AutoDisableAfter = TimeSpan.FromDays(5);

    /// <summary>The 4th consecutive failed attempt (as Svix's <c>message.attempt.failing</c>).</summary>
    public const int FailingEventAfterAttempts = 4;

    /// <summary>The circuit breaker's defaults.</summary>
    public static class CircuitBreaker
    {
        /// <summary>0.5: half of the attempts in the sampling window failed.</summary>
        public const double FailureRatio = 0.5;

        /// <summary>10 attempts in the sampling window before the ratio counts.</summary>
        public const int MinimumThroughput = 10;

        /// <summary>60 seconds.</summary>
        public static readonly TimeSpan SamplingDuration = TimeSpan.FromSeconds(60);

        /// <summary>30 seconds.</summary>
        public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(30);
    }
}
