namespace WebhookHub.Functions.Telemetry;

/// <summary>Endpoint health and flow messages: event IDs 3101–3199.</summary>
internal static partial class Log
{
    [LoggerMessage(3101, LogLevel.Debug, "Delivery {DeliveryId} of event {EventId} for tenant {TenantId} deferred until {Until} ({Reason})")]
    public static partial void DeliveryDeferred(ILogger logger, string tenantId, string eventId, string deliveryId, DateTimeOffset until, string reason);

    [LoggerMessage(3102, LogLevel.Information, "Delivery {DeliveryId} of event {EventId} for tenant {TenantId} dead-lettered unattempted: subscription {SubscriptionId} is disabled")]
    public static partial void DeliveryDeadLetteredDisabled(ILogger logger, string tenantId, string eventId, string deliveryId, string subscriptionId);

    [LoggerMessage(3103, LogLevel.Warning, "Circuit of subscription {SubscriptionId} (tenant {TenantId}) opened for {BreakSeconds} s")]
    public static partial void CircuitOpened(ILogger logger, string tenantId, string subscriptionId, double breakSeconds);

    [LoggerMessage(3104, LogLevel.Information, "Circuit of subscription {SubscriptionId} (tenant {TenantId}) closed")]
    public static partial void CircuitClosed(ILogger logger, string tenantId, string subscriptionId);

    [LoggerMessage(3105, LogLevel.Warning, "Subscription {SubscriptionId} of tenant {TenantId} disabled after failing continuously")]
    public static partial void SubscriptionDisabled(ILogger logger, string tenantId, string subscriptionId);

    [LoggerMessage(3106, LogLevel.Information, "Subscription {SubscriptionId} of tenant {TenantId} recovered")]
    public static partial void SubscriptionRecovered(ILogger logger, string tenantId, string subscriptionId);

    [LoggerMessage(3107, LogLevel.Warning, "Operational event {OperationalEventId} ({EventType}) for tenant {TenantId} could not be stored")]
    public static partial void OperationalEventNotStored(ILogger logger, string tenantId, string eventType, string operationalEventId, Exception exception);

    [LoggerMessage(3108, LogLevel.Error, "Health of subscription {SubscriptionId} (tenant {TenantId}) could not be updated")]
    public static partial void HealthUpdateFailed(ILogger logger, string tenantId, string subscriptionId, Exception exception);
}
