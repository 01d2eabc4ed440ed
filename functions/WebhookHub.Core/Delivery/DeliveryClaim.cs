namespace WebhookHub.Delivery;

/// <summary>
/// What a delivery worker asks <see cref="IDeliveryStore.ClaimDueAsync(DeliveryClaim, CancellationToken)"/> for: up to
/// <see cref="Max"/> due deliveries, shared fairly, with each subscription's concurrency cap and the worker's own limits held.
/// </summary>
/// <param name="Max">At most this many deliveries in all, at least 1.</param>
/// <param name="Now">The time deliveries must be due by; leases are measured from it.</param>
/// <param name="Lease">How long the claimed deliveries stay leased.</param>
/// <remarks>
/// Fairness: claims rotate across tenants first (each tenant with due work gets one delivery per round, oldest due tenant
/// first), then across each tenant's subscriptions, then take each subscription's deliveries oldest due first. A subscription
/// never gets more than its cap (<c>settings.maxConcurrency</c>, else <see cref="DefaultMaxConcurrencyPerSubscription"/>)
/// minus what is <see cref="InFlight"/>, nor more than its entry in <see cref="Limits"/>. So a backlog for one slow endpoint
/// can hold at most its cap of the worker's slots, and the other endpoints' deliveries are claimed in the same round.
/// </remarks>
public sealed record DeliveryClaim(int Max, DateTimeOffset Now, TimeSpan Lease)
{
    /// <summary>The cap of subscriptions whose settings set none.</summary>
    /// <value><see cref="DeliveryDefaults.MaxConcurrencyPerSubscription"/> (10).</value>
    public int DefaultMaxConcurrencyPerSubscription { get; init; } = DeliveryDefaults.MaxConcurrencyPerSubscription;

    /// <summary>Deliveries the caller has in flight, by subscription ID; they count against each subscription's cap.</summary>
    /// <value>Empty.</value>
    public IReadOnlyDictionary<string, int> InFlight { get; init; } = EmptyCounts;

    /// <summary>
    /// The most the caller will take now, by subscription ID, beyond the cap: 0 while the endpoint's circuit is open, 1 for a
    /// half-open probe, the tokens left when it is rate limited. Subscriptions not listed have no such limit.
    /// </summary>
    /// <value>Empty.</value>
    public IReadOnlyDictionary<string, int> Limits { get; init; } = EmptyCounts;

    private static readonly IReadOnlyDictionary<string, int> EmptyCounts = new Dictionary<string, int>();

    /// <summary>How many of a subscription's deliveries may be claimed now, given its cap setting (or <see langword="null"/>).</summary>
    public int AllowanceFor(string subscriptionId, int? maxConcurrency)
    {
        var allowance = (maxConcurrency ?? DefaultMaxConcurrencyPerSubscription) - InFlight.GetValueOrDefault(subscriptionId);
        if (Limits.TryGetValue(subscriptionId, out var limit) && limit < allowance) allowance = limit;
        return Math.Max(allowance, 0);
    }
}
