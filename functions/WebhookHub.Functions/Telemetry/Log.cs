using WebhookHub.Providers;

namespace WebhookHub.Functions.Telemetry;

/// <summary>Structured log messages with fixed event IDs. Never secrets, signatures or payloads.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Debug, "Event {EventId} ({EventType}) ingested for tenant {TenantId} on source {SourceId}; duplicate: {Duplicate}")]
    public static partial void EventIngested(ILogger logger, string tenantId, string sourceId, string eventId, string? eventType, bool duplicate);

    [LoggerMessage(1002, LogLevel.Information, "Webhook rejected for tenant {TenantId} on source {SourceId}: {Reason}")]
    public static partial void EventRejected(ILogger logger, string tenantId, string sourceId, VerificationStatus reason);

    [LoggerMessage(2001, LogLevel.Debug, "{EventCount} events dispatched into {DeliveryCount} deliveries")]
    public static partial void EventsDispatched(ILogger logger, int eventCount, int deliveryCount);

    [LoggerMessage(2002, LogLevel.Error, "Dispatch of {EventCount} events failed; they stay queued and are retried")]
    public static partial void DispatchFailed(ILogger logger, int eventCount, Exception exception);

    [LoggerMessage(3001, LogLevel.Debug, "Delivery {DeliveryId} of event {EventId} for tenant {TenantId}: attempt {Attempt} -> {Status} ({StatusCode}, {Error})")]
    public static partial void DeliveryAttempted(ILogger logger, string tenantId, string eventId, string deliveryId, int attempt, WebhookHub.Delivery.DeliveryStatus status, int? statusCode, string? error);

    [LoggerMessage(3002, LogLevel.Warning, "Delivery {DeliveryId} of event {EventId} for tenant {TenantId} dead-lettered after {Attempt} attempts: {Error}")]
    public static partial void DeliveryDeadLettered(ILogger logger, string tenantId, string eventId, string deliveryId, int attempt, string? error);

    [LoggerMessage(3003, LogLevel.Error, "Delivery {DeliveryId} failed unexpectedly; it will be retried when its lease expires")]
    public static partial void DeliveryCrashed(ILogger logger, string deliveryId, Exception exception);

    [LoggerMessage(3004, LogLevel.Error, "A worker loop failed; it restarts after the poll interval")]
    public static partial void WorkerLoopFailed(ILogger logger, Exception exception);
}
