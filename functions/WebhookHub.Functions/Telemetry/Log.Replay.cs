namespace WebhookHub.Functions.Telemetry;

/// <summary>Log messages of bulk replay jobs (event IDs 4001–4099).</summary>
internal static partial class Log
{
    [LoggerMessage(4001, LogLevel.Information, "Replay job {JobId} for tenant {TenantId}, subscription {SubscriptionId}: {Status}, {Replayed} of {Total} replayed")]
    public static partial void ReplayJobFinished(ILogger logger, string tenantId, string subscriptionId, string jobId, WebhookHub.Replay.ReplayJobStatus status, long replayed, long total);

    [LoggerMessage(4002, LogLevel.Error, "Replay job {JobId} for tenant {TenantId} failed; deliveries replayed until then stay replayed")]
    public static partial void ReplayJobFailed(ILogger logger, string tenantId, string jobId, Exception exception);
}
