namespace WebhookHub.Delivery;

/// <summary>The defaults of <see cref="DeliveryOptions"/>, in one place.</summary>
public static partial class DeliveryDefaults
{
    /// <summary>Immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h.</summary>
    public static readonly IReadOnlyList<TimeSpan> RetryDelays =
    [
        TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    /// <summary>±20 %.</summary>
    public const double JitterRatio = 0.2;

    /// <summary>24 hours.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(24);

    /// <summary>15 seconds.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>4 KiB.</summary>
    public const int MaxResponseBodyBytes = 4096;

    /// <summary>64 deliveries in flight per instance.</summary>
    public const int MaxConcurrency = 64;

    /// <summary>2 minutes.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>1 second.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
}
