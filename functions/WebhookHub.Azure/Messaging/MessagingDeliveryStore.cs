using WebhookHub.Delivery;

namespace WebhookHub.Azure.Messaging;

/// <summary>
/// An <see cref="IDeliveryStore"/> whose every change that makes a delivery due again also sends its Service Bus message: a
/// retry after a failed attempt, a deferral (open circuit, rate limit), a replay. The store is written first, the message second;
/// if the send fails the caller sees the exception, the Service Bus message being handled is retried, and
/// <see cref="ClaimByIdAsync"/> repairs the schedule when it finds the delivery not yet due.
/// </summary>
public sealed class MessagingDeliveryStore(IDeliveryStore inner, WorkPublisher publisher) : DelegatingDeliveryStore(inner)
{
    /// <inheritdoc/>
    /// <remarks>
    /// A message that finds its delivery not yet due (<see cref="ClaimByIdOutcome.NotDue"/>) re-sends the message for the due time:
    /// if that message was already sent, duplicate detection drops this one (same message ID); if an earlier send failed, this one
    /// takes its place, so a delivery is never left without a message. A message that finds it leased by another consumer
    /// schedules one for when that lease ends at the latest (<see cref="ClaimByIdResult.FollowUpScheduled"/>), so it can be let go
    /// at once rather than redelivered until Service Bus dead-letters it, and a consumer that died holding the lease is covered.
    /// </remarks>
    public override async Task<ClaimByIdResult> ClaimByIdAsync(string tenantId, string deliveryId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var result = await Inner.ClaimByIdAsync(tenantId, deliveryId, now, lease, cancellationToken).ConfigureAwait(false);
        switch (result)
        {
            case { Outcome: ClaimByIdOutcome.NotDue, Delivery: { } delivery }:
                await publisher.ScheduleAsync(tenantId, deliveryId, delivery.NextAttemptAt, cancellationToken).ConfigureAwait(false);
                break;
            case { Outcome: ClaimByIdOutcome.Leased }:
                await publisher.ScheduleAsync(tenantId, deliveryId, now + lease, cancellationToken).ConfigureAwait(false);
                return result with { FollowUpScheduled = true };
        }

        return result;
    }

    /// <inheritdoc/>
    public override async Task<bool> DeferAsync(string tenantId, string deliveryId, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        var deferred = await Inner.DeferAsync(tenantId, deliveryId, until, cancellationToken).ConfigureAwait(false);
        if (deferred) await publisher.ScheduleAsync(tenantId, deliveryId, until, cancellationToken).ConfigureAwait(false);
        return deferred;
    }

    /// <inheritdoc/>
    public override async Task RecordAttemptAsync(WebhookDelivery updated, DeliveryAttempt attempt, CancellationToken cancellationToken = default)
    {
        await Inner.RecordAttemptAsync(updated, attempt, cancellationToken).ConfigureAwait(false);
        await publisher.ScheduleAsync([updated], cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override async Task<IReadOnlyList<string>> ReplayAsync(IReadOnlyList<WebhookDelivery> deliveries, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var ids = await Inner.ReplayAsync(deliveries, now, cancellationToken).ConfigureAwait(false);
        await publisher.ScheduleAsync(deliveries.Select(d => d with { Status = DeliveryStatus.Pending, NextAttemptAt = now }), cancellationToken).ConfigureAwait(false);
        return ids;
    }
}
