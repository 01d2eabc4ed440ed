using System.Diagnostics.Metrics;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Metrics;
using Microsoft.Extensions.Logging;
using WebhookHub.Tracing;

namespace WebhookHub.Azure.Telemetry;

/// <summary>
/// Sends the measurements of the app's <c>Meter("WebhookHub")</c> (<c>WebhookHubMetrics</c>) to Application Insights as
/// pre-aggregated custom metrics of the same names (<see cref="TelemetryClient.GetMetric(string, string, string, MetricConfiguration)"/>:
/// one <c>customMetrics</c> row per series and minute with <c>valueCount</c>, <c>valueSum</c>, <c>valueMin</c>, <c>valueMax</c>).
/// This is the one list of names and dimensions that the workbook and the alerts query, for example
/// <c>customMetrics | where name == "webhookhub.delivery.attempts" | summarize sum(valueSum) by tostring(customDimensions.tenant), tostring(customDimensions.outcome)</c>:
/// <list type="table">
/// <listheader><term>customMetrics name</term><description>what it counts (customDimensions)</description></listheader>
/// <item><term><c>webhookhub.events.received</c></term><description>verified webhooks (<c>tenant</c>, <c>provider</c>, <c>duplicate</c>:
/// <c>false</c> for a new event, <c>true</c> for one received before and not stored again)</description></item>
/// <item><term><c>webhookhub.events.rejected</c></term><description>webhooks refused (<c>tenant</c>, <c>provider</c>, <c>reason</c>:
/// <c>InvalidSignature</c>, <c>MissingSignature</c>, <c>MalformedSignature</c>, <c>StaleTimestamp</c>, <c>MissingEventId</c>,
/// <c>unknown_source</c>, <c>too_large</c>, <c>overloaded</c>)</description></item>
/// <item><term><c>webhookhub.delivery.attempts</c></term><description>delivery attempts (<c>tenant</c>, <c>outcome</c>: <c>succeeded</c> =
/// delivered, <c>failed</c> = will be retried, <c>dead</c> = dead-lettered)</description></item>
/// <item><term><c>webhookhub.delivery.disabled_dead_letters</c></term><description>deliveries dead-lettered unattempted because their
/// subscription is disabled (<c>tenant</c>); dead-lettered in all = this plus attempts with outcome <c>dead</c></description></item>
/// <item><term><c>webhookhub.delivery.deferred</c></term><description>deliveries held back unattempted (<c>tenant</c>, <c>reason</c>:
/// <c>circuit_open</c>, <c>rate_limited</c>)</description></item>
/// <item><term><c>webhookhub.delivery.duration</c></term><description>delivery attempt latency in milliseconds (<c>tenant</c>,
/// <c>outcome</c>); per minute count, sum, min and max, so means and maxima (percentiles need per-item data: the requests and
/// dependencies tables)</description></item>
/// </list>
/// A dimension that is not known (the tenant of a webhook for an unknown source) has the value <c>none</c>. Each metric holds at
/// most <see cref="SeriesCountLimit"/> series and <see cref="ValuesPerDimensionLimit"/> values per dimension (the SDK's defaults,
/// 1000 and 100, would drop tenants); beyond them values are dropped and a warning is logged once per metric. Only the meter
/// of this app's <see cref="IMeterFactory"/> is listened to.
/// </summary>
internal sealed class MetricsBridge : TelemetryListener
{
    /// <summary>The most series one metric keeps: 10000.</summary>
    public const int SeriesCountLimit = 10_000;

    /// <summary>The most values one dimension of one metric keeps: 5000.</summary>
    public const int ValuesPerDimensionLimit = 5_000;

    /// <summary>Verified webhooks.</summary>
    public const string Received = "webhookhub.events.received";

    /// <summary>Rejected webhooks.</summary>
    public const string Rejected = "webhookhub.events.rejected";

    /// <summary>Delivery attempts by outcome.</summary>
    public const string Attempts = "webhookhub.delivery.attempts";

    /// <summary>Deliveries dead-lettered unattempted (subscription disabled).</summary>
    public const string DisabledDeadLetters = "webhookhub.delivery.disabled_dead_letters";

    /// <summary>Deferred deliveries.</summary>
    public const string Deferred = "webhookhub.delivery.deferred";

    /// <summary>Delivery attempt latency, milliseconds.</summary>
    public const string Duration = "webhookhub.delivery.duration";

    private readonly IMeterFactory _meterFactory;
    private readonly ILogger _logger;
    private readonly Dictionary<string, Metric> _metrics;
    private readonly HashSet<string> _limitLogged = [];

    /// <summary>Creates the metrics on <paramref name="telemetry"/>; listening starts with the host.</summary>
    public MetricsBridge(TelemetryClient telemetry, IMeterFactory meterFactory, ILogger<MetricsBridge> logger)
    {
        _meterFactory = meterFactory;
        _logger = logger;
        var limits = new MetricConfiguration(SeriesCountLimit, ValuesPerDimensionLimit, new MetricSeriesConfigurationForMeasurement(restrictToUInt32Values: false));
        const string tenant = TelemetryDimensions.Tenant;
        _metrics = new Dictionary<string, Metric>(StringComparer.Ordinal)
        {
            [Received] = telemetry.GetMetric(Received, tenant, TelemetryDimensions.Provider, TelemetryDimensions.Duplicate, limits),
            [Rejected] = telemetry.GetMetric(Rejected, tenant, TelemetryDimensions.Provider, TelemetryDimensions.Reason, limits),
            [Attempts] = telemetry.GetMetric(Attempts, tenant, TelemetryDimensions.Outcome, limits),
            [DisabledDeadLetters] = telemetry.GetMetric(DisabledDeadLetters, tenant, limits),
            [Deferred] = telemetry.GetMetric(Deferred, tenant, TelemetryDimensions.Reason, limits),
            [Duration] = telemetry.GetMetric(Duration, tenant, TelemetryDimensions.Outcome, limits),
        };
    }

    /// <inheritdoc/>
    protected override IDisposable Listen()
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == TraceContext.SourceName && ReferenceEquals(instrument.Meter.Scope, _meterFactory)) listener.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument.Name, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument.Name, value, tags));
        listener.Start();
        return listener;
    }

    /// <summary>Sends one measurement of a <c>WebhookHub</c> instrument to the metric of the same name, its tags as dimensions.</summary>
    private void Record(string instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? tenant = null, provider = null, reason = null, outcome = null, duplicate = null;
        foreach (var (key, tagValue) in tags)
        {
            switch (key)
            {
                case "tenant": tenant = tagValue as string; break;
                case "provider": provider = tagValue as string; break;
                case "reason": reason = tagValue as string; break;
                case "outcome": outcome = tagValue as string; break;
                case "duplicate": duplicate = tagValue is true ? "true" : "false"; break;
            }
        }

        switch (instrument)
        {
            case Received: Track(Received, value, tenant, provider, duplicate); break;
            case Rejected: Track(Rejected, value, tenant, provider, reason); break;
            case Attempts: Track(Attempts, value, tenant, outcome); break;
            case DisabledDeadLetters: Track(DisabledDeadLetters, value, tenant); break;
            case Deferred: Track(Deferred, value, tenant, reason); break;
            case Duration: Track(Duration, value, tenant, outcome); break;
        }
    }

    private void Track(string name, double value, params string?[] dimensions)
    {
        var values = Array.ConvertAll(dimensions, d => string.IsNullOrEmpty(d) ? TelemetryDimensions.Unknown : d);
        if (_metrics[name].TryGetDataSeries(out var series, true, values))
        {
            series.TrackValue(value);
            return;
        }

        lock (_limitLogged)
        {
            if (!_limitLogged.Add(name)) return;
        }

        TelemetryLog.MetricSeriesLimitReached(_logger, name);
    }
}
