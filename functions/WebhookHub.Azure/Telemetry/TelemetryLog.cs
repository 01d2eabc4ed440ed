using Microsoft.Extensions.Logging;

namespace WebhookHub.Azure.Telemetry;

/// <summary>Telemetry log messages (event IDs 8101–8199).</summary>
internal static partial class TelemetryLog
{
    [LoggerMessage(8101, LogLevel.Warning, "Application Insights metric {Metric} reached its series limit; values of new dimension combinations are dropped")]
    public static partial void MetricSeriesLimitReached(ILogger logger, string metric);
}
