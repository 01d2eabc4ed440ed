using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.ApplicationInsights.Extensibility.Implementation.ApplicationId;
using Microsoft.Extensions.DependencyInjection;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Azure.Telemetry;

/// <summary>
/// Starts the real app with an Application Insights connection string and an in-memory channel. The SDK modules that would
/// call out (live metrics, Azure instance metadata, heartbeats, counters) and adaptive sampling are off through the SDK's own
/// <c>ApplicationInsights</c> settings; requests, dependencies, metrics and correlation are what is under test.
/// </summary>
public static class TelemetryHub
{
    /// <summary>A connection string that parses; nothing is sent anywhere (the channel is replaced).</summary>
    public const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:9/";

    public static readonly string[] Settings =
    [
        $"--APPLICATIONINSIGHTS_CONNECTION_STRING={ConnectionString}",
        "--ApplicationInsights:EnableAdaptiveSampling=false",
        "--ApplicationInsights:EnableQuickPulseMetricStream=false",
        "--ApplicationInsights:EnablePerformanceCounterCollectionModule=false",
        "--ApplicationInsights:EnableEventCounterCollectionModule=false",
        "--ApplicationInsights:EnableAzureInstanceMetadataTelemetryModule=false",
        "--ApplicationInsights:EnableAppServicesHeartbeatTelemetryModule=false",
        "--ApplicationInsights:EnableHeartbeat=false",
        "--ApplicationInsights:EnableDiagnosticsTelemetryModule=false",
    ];

    /// <summary>The application ID the SDK would learn from the ingestion endpoint; given here so correlation headers are exercised.</summary>
    public const string ApplicationId = "cid-v1:00000000-0000-0000-0000-0000000000aa";

    public static Task<HubHost> StartAsync(RecordingTelemetryChannel channel, params string[] extraArgs) => StartAsync(channel, null, extraArgs);

    /// <summary>Starts the hub; <paramref name="configure"/> has the last word on services (a fake <c>SecretClient</c>, …).</summary>
    public static Task<HubHost> StartAsync(RecordingTelemetryChannel channel, Action<IServiceCollection>? configure, params string[] extraArgs) =>
        HubHost.StartAsync(
            services =>
            {
                services
                    .AddSingleton<ITelemetryChannel>(channel)
                    .AddSingleton<IApplicationIdProvider>(new DictionaryApplicationIdProvider
                    {
                        Defined = new Dictionary<string, string> { ["00000000-0000-0000-0000-000000000001"] = ApplicationId },
                    });
                configure?.Invoke(services);
            },
            null,
            [.. Settings, .. extraArgs]);

    /// <summary>Sends the metrics aggregated so far (the SDK sends them once a minute on its own).</summary>
    public static void Flush(this HubHost hub) => hub.Services.GetRequiredService<TelemetryClient>().Flush();
}
