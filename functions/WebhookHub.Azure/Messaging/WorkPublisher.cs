using WebhookHub.Azure.ServiceBus;
using WebhookHub.Delivery;

namespace WebhookHub.Azure.Messaging;

/// <summary>
/// Sends WebhookHub's work to Service Bus: stored events to the events topic, due deliveries to the deliveries queue. A delivery
/// due later is a scheduled message (<c>ScheduledEnqueueTimeUtc</c>), which is how retries wait without anything polling.
/// </summary>
public sealed class WorkPublisher
{
    /// <summary>Deliveries due within this much of now are sent for immediate delivery rather than scheduled.</summary>
    private static readonly TimeSpan ScheduleThreshold = TimeSpan.FromSeconds(1);

    private readonly ServiceBusSender _events;
    private readonly ServiceBusSender _deliveries;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a publisher sending through <paramref name="events"/> (the topic) and <paramref name="deliveries"/> (the queue).</summary>
    public WorkPublisher(ServiceBusSender events, ServiceBusSender deliveries, TimeProvider timeProvider)
    {
        _events = events;
        _deliveries = deliveries;
        _timeProvider = timeProvider;
    }

    /// <summary>Publishes a stored event; <see cref="OutboxEntry.TraceParent"/> becomes the message's <c>Diagnostic-Id</c>.</summary>
    /// <exception cref="ServiceBusRequestException">Service Bus refused the message (after the pipeline's retries).</exception>
    public Task PublishEventAsync(OutboxEntry entry, CancellationToken cancellationToken = default)
    {
        var message = new ServiceBusMessage(WorkMessages.EventBody(entry.TenantId, entry.EventId))
        {
            MessageId = WorkMessages.EventMessageId(entry.EventId),
        };
        if (entry.TraceParent is { } traceParent) message.ApplicationProperties["Diagnostic-Id"] = traceParent;
        return _events.SendAsync(message, cancellationToken);
    }

    /// <summary>Sends one message per open delivery, scheduled for its <see cref="WebhookDelivery.NextAttemptAt"/>; final ones are skipped.</summary>
    /// <exception cref="ServiceBusRequestException">Service Bus refused the messages (after the pipeline's retries).</exception>
    public Task ScheduleAsync(IEnumerable<WebhookDelivery> deliveries, CancellationToken cancellationToken = default)
    {
        var messages = deliveries
            .Where(d => d.Status is DeliveryStatus.Pending or DeliveryStatus.Failed)
            .Select(d => DeliveryMessage(d.TenantId, d.Id, d.NextAttemptAt))
            .ToList();
        return messages.Count == 0 ? Task.CompletedTask : _deliveries.SendBatchAsync(messages, cancellationToken);
    }

    /// <summary>Sends the message for one delivery due at <paramref name="dueAt"/>.</summary>
    /// <exception cref="ServiceBusRequestException">Service Bus refused the message (after the pipeline's retries).</exception>
    public Task ScheduleAsync(string tenantId, string deliveryId, DateTimeOffset dueAt, CancellationToken cancellationToken = default) =>
        _deliveries.SendAsync(DeliveryMessage(tenantId, deliveryId, dueAt), cancellationToken);

    private ServiceBusMessage DeliveryMessage(string tenantId, string deliveryId, DateTimeOffset dueAt)
    {
        var message = new ServiceBusMessage(WorkMessages.DeliveryBody(tenantId, deliveryId))
        {
            MessageId = WorkMessages.DeliveryMessageId(deliveryId, dueAt),
        };
        if (dueAt - _timeProvider.GetUtcNow() > ScheduleThreshold) message.ScheduledEnqueueTime = dueAt;
        return message;
    }
}
