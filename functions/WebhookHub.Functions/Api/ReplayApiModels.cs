namespace WebhookHub.Functions.Api;

/// <summary>One entry of <c>GET /api/subscriptions/{id}/dead-letters</c>.</summary>
/// <param name="DeliveryId">The delivery, <c>dlv_…</c>.</param>
/// <param name="EventId">Its event.</param>
/// <param name="EventType">The event's type, when the provider gave one.</param>
/// <param name="SubscriptionId">The subscription.</param>
/// <param name="Reason">Why the last attempt failed: <c>HTTP 503</c>, <c>timed out after 15 s</c>, <c>connection reset</c>, …</param>
/// <param name="LastStatusCode">The last attempt's HTTP status, absent when no response arrived.</param>
/// <param name="AttemptCount">Attempts made over the delivery's life.</param>
/// <param name="DeadLetteredAt">When it was dead-lettered.</param>
/// <param name="CreatedAt">When the delivery was created (the list's order, newest first).</param>
public sealed record DeadLetterResponse(
    string DeliveryId, string EventId, string? EventType, string SubscriptionId, string? Reason, int? LastStatusCode, int AttemptCount,
    DateTimeOffset DeadLetteredAt, DateTimeOffset CreatedAt);

/// <summary>Optional body of <c>POST /api/events/{id}/replay</c>.</summary>
/// <param name="SubscriptionIds">
/// Replay to these subscriptions only (1 to 100 of the tenant's); each must match the event now or already have a delivery of
/// it. Absent: every subscription that matches the event now.
/// </param>
public sealed record EventReplayRequest(string[]? SubscriptionIds);

/// <summary>Body of <c>POST /api/subscriptions/{id}/replay</c>: a bulk replay job.</summary>
/// <param name="Since">Required, RFC 3339 with an offset (<c>2026-11-21T12:00:00Z</c>): deliveries created at or after it are replayed.</param>
/// <param name="Statuses">Which deliveries: <c>failed</c> and/or <c>dead</c>. Default both.</param>
/// <param name="RatePerSecond">The most deliveries replayed per second, 1 to 1000. Default 50.</param>
public sealed record ReplayJobRequest(string? Since, string[]? Statuses, int? RatePerSecond);

/// <summary>A bulk replay job and its progress (<c>GET /api/replay-jobs/{id}</c>, and the 202 of its creation).</summary>
/// <param name="Id">The job, <c>rpl_…</c>.</param>
/// <param name="SubscriptionId">The subscription whose deliveries it replays.</param>
/// <param name="Status"><c>queued</c>, <c>running</c>, <c>done</c> or <c>failed</c>.</param>
/// <param name="Since">Deliveries created at or after this time.</param>
/// <param name="Statuses">The statuses it replays.</param>
/// <param name="RatePerSecond">Its rate limit, deliveries per second.</param>
/// <param name="Total">Deliveries that matched when it was created.</param>
/// <param name="Replayed">Deliveries replayed so far; may end below <paramref name="Total"/> when some stopped matching before their turn.</param>
/// <param name="CreatedAt">When it was created; deliveries created later are not part of it.</param>
/// <param name="UpdatedAt">When it last made progress or changed status.</param>
/// <param name="Error">Why it failed, when it did.</param>
public sealed record ReplayJobResponse(
    string Id, string SubscriptionId, string Status, DateTimeOffset Since, IReadOnlyList<string> Statuses, int RatePerSecond, long Total,
    long Replayed, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? Error);
