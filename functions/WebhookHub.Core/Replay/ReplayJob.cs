using WebhookHub.Delivery;

namespace WebhookHub.Replay;

/// <summary>
/// A bulk replay: re-queue every delivery of one subscription, created from <paramref name="Since"/> until the job was created,
/// whose status is one of <paramref name="Statuses"/>, at most <paramref name="RatePerSecond"/> per second. Stored, so it
/// resumes after a restart from <paramref name="CursorCreatedAt"/>/<paramref name="CursorDeliveryId"/>.
/// </summary>
/// <param name="Id">Opaque ID, <c>rpl_…</c>.</param>
/// <param name="TenantId">The tenant.</param>
/// <param name="SubscriptionId">The subscription whose deliveries are replayed.</param>
/// <param name="Since">Deliveries created at or after this time are replayed.</param>
/// <param name="Statuses">The statuses replayed: <see cref="DeliveryStatus.Failed"/> and/or <see cref="DeliveryStatus.Dead"/>.</param>
/// <param name="RatePerSecond">The most deliveries replayed per second, 1 to <see cref="ReplayDefaults.MaxRatePerSecond"/>.</param>
/// <param name="Status">Where the job stands.</param>
/// <param name="Total">Deliveries that matched when the job was created.</param>
/// <param name="Replayed">Deliveries replayed so far. Can end below <paramref name="Total"/> when some stopped matching before their turn (a failed delivery that succeeded on its own retry).</param>
/// <param name="CursorCreatedAt">Creation time of the last delivery replayed, or <see langword="null"/> before the first.</param>
/// <param name="CursorDeliveryId">ID of the last delivery replayed, or <see langword="null"/> before the first.</param>
/// <param name="CreatedAt">When the job was created; deliveries created later are not part of it.</param>
/// <param name="UpdatedAt">When the job last changed.</param>
/// <param name="Error">Why it failed, or <see langword="null"/>.</param>
public sealed record ReplayJob(
    string Id,
    string TenantId,
    string SubscriptionId,
    DateTimeOffset Since,
    IReadOnlyList<DeliveryStatus> Statuses,
    int RatePerSecond,
    ReplayJobStatus Status,
    long Total,
    long Replayed,
    DateTimeOffset? CursorCreatedAt,
    string? CursorDeliveryId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Error)
{
    /// <summary>A new queued job, not yet counted (<see cref="IReplayJobStore.CreateReplayJobAsync"/> counts its <see cref="Total"/>).</summary>
    public static ReplayJob CreateQueued(
        string id, string tenantId, string subscriptionId, DateTimeOffset since, IReadOnlyList<DeliveryStatus> statuses, int ratePerSecond, DateTimeOffset now) =>
        new(id, tenantId, subscriptionId, since, statuses, ratePerSecond, ReplayJobStatus.Queued, 0, 0, null, null, now, now, null);
}
