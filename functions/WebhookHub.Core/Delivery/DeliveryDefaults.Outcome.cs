namespace WebhookHub.Delivery;

public static partial class DeliveryDefaults
{
    /// <summary>400, 401, 403, 404 and 413: answers that will not change on a retry, so the delivery is dead-lettered at once.</summary>
    public static readonly IReadOnlyList<int> PermanentStatusCodes = [400, 401, 403, 404, 413];

    /// <summary>× 2: after a 429 or a timeout the next delay is doubled (see <see cref="DeliveryOptions.OverloadPenaltyFactor"/>).</summary>
    public const double OverloadPenaltyFactor = 2.0;

    /// <summary>1 hour: the most an overload penalty adds to a delay.</summary>
    public static readonly TimeSpan MaxOverloadPenalty = TimeSpan.FromHours(1);

    /// <summary>50: the longest retry schedule, in attempts, operators and subscriptions may set.</summary>
    public const int MaxRetryAttempts = 50;

    /// <summary>7 days: the longest single delay in a retry schedule.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromDays(7);
}
