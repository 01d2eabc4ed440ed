namespace WebhookHub.Tenancy;

public sealed partial class SubscriptionSettings
{
    /// <summary>
    /// This subscription's retry schedule, in whole seconds: the delay before each attempt. Entry 0 is the first attempt, made as
    /// soon as the event is dispatched, so it must be 0; entry n is the delay after attempt n fails. Its length is the number of
    /// attempts before the delivery is dead-lettered (1–50 entries, each 0–604800 s = 7 days). Jitter (±20 % by default) applies.
    /// </summary>
    /// <value><see langword="null"/>: the operator's <c>WebhookHub:Delivery:RetryDelays</c> (default 0, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).</value>
    /// <example><c>[0, 60, 600, 3600]</c>: four attempts, retried after 1 min, 10 min and 1 h.</example>
    public int[]? RetryDelaysSeconds { get; set; }

    /// <summary>
    /// Retry schedules for some event types, each shaped like <see cref="RetryDelaysSeconds"/>, keyed by an event-type filter:
    /// an exact type (<c>invoice.paid</c>) or a prefix wildcard (<c>invoice.*</c>), as in the subscription's event types; <c>*</c>
    /// is not allowed (that is <see cref="RetryDelaysSeconds"/>). The most specific key matching the event wins: an exact type
    /// before any wildcard, a longer prefix before a shorter one. At most 100 keys.
    /// </summary>
    /// <value><see langword="null"/>: every event type uses <see cref="RetryDelaysSeconds"/>.</value>
    public Dictionary<string, int[]>? RetryDelaysByEventType { get; set; }
}
