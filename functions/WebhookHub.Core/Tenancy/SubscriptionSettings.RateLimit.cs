namespace WebhookHub.Tenancy;

public sealed partial class SubscriptionSettings
{
    /// <summary>
    /// The most attempts per second sent to this endpoint, on average (a token bucket refilled continuously at this rate);
    /// from 0.001 to 10000. Deliveries over the limit wait without using up an attempt.
    /// </summary>
    /// <value><see langword="null"/>: no rate limit.</value>
    public double? RateLimitPerSecond { get; set; }

    /// <summary>
    /// How many attempts may go out at once after a quiet spell: the token bucket's size, from 1 to 10000. Only with
    /// <see cref="RateLimitPerSecond"/>.
    /// </summary>
    /// <value><see langword="null"/>: one second's worth, that is <see cref="RateLimitPerSecond"/> rounded up (at least 1).</value>
    public int? Burst { get; set; }

    /// <summary>The most attempts in flight to this endpoint at once, from 1 to 1024.</summary>
    /// <value><see langword="null"/>: the operator's <c>WebhookHub:Delivery:MaxConcurrencyPerSubscription</c> (default 10).</value>
    public int? MaxConcurrency { get; set; }
}
