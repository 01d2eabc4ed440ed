using WebhookHub.Delivery;
using WebhookHub.Ingestion;
using WebhookHub.Routing;

namespace WebhookHub.Azure.Messaging;

/// <summary>
/// An <see cref="IDispatchQueue"/> that sends a Service Bus message for every delivery a dispatch creates. The deliveries are
/// stored first; should the send fail, the dispatch message is retried, the deliveries (stable IDs) are found stored, and their
/// messages are sent again (duplicate detection drops the ones that did go out).
/// </summary>
public sealed class MessagingDispatchQueue(IDispatchQueue inner, WorkPublisher publisher) : IDispatchQueue
{
    /// <inheritdoc/>
    public Task<IReadOnlyList<WebhookEvent>> ClaimAsync(int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default) =>
        inner.ClaimAsync(max, now, lease, cancellationToken);

    /// <inheritdoc/>
    public Task<WebhookEvent?> FindEventAsync(string tenantId, string eventId, CancellationToken cancellationToken = default) =>
        inner.FindEventAsync(tenantId, eventId, cancellationToken);

    /// <inheritdoc/>
    public async Task CompleteDispatchAsync(IReadOnlyList<string> eventIds, IReadOnlyList<WebhookDelivery> deliveries, CancellationToken cancellationToken = default)
    {
        await inner.CompleteDispatchAsync(eventIds, deliveries, cancellationToken).ConfigureAwait(false);
        await publisher.ScheduleAsync(deliveries, cancellationToken).ConfigureAwait(false);
    }
}
