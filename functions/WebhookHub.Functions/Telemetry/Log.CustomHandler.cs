namespace WebhookHub.Functions.Telemetry;

internal static partial class Log
{
    [LoggerMessage(5001, LogLevel.Warning, "Invocation of function {Function} rejected: {Reason} (Service Bus message {MessageId}, delivery {DeliveryCount})")]
    public static partial void InvocationRejected(ILogger logger, string function, string reason, string? messageId, int deliveryCount);

    [LoggerMessage(5002, LogLevel.Error, "Invocation of function {Function} failed (Service Bus message {MessageId}, delivery {DeliveryCount}); the host retries it")]
    public static partial void InvocationFailed(ILogger logger, string function, string? messageId, int deliveryCount, Exception exception);

    [LoggerMessage(5003, LogLevel.Debug, "Event {EventId} dispatched by invocation into {DeliveryCount} deliveries")]
    public static partial void EventDispatchedByInvocation(ILogger logger, string eventId, int deliveryCount);

    [LoggerMessage(5004, LogLevel.Debug, "Delivery {DeliveryId} not attempted by invocation: {Outcome}")]
    public static partial void DeliveryNotClaimed(ILogger logger, string deliveryId, WebhookHub.Delivery.ClaimByIdOutcome outcome);
}
