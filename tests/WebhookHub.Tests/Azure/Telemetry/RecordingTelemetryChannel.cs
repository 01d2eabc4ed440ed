using System.Collections.Concurrent;
using Microsoft.ApplicationInsights.Channel;

namespace WebhookHub.Tests.Azure.Telemetry;

/// <summary>An in-memory <see cref="ITelemetryChannel"/>: keeps every item the app would have sent to Application Insights.</summary>
public sealed class RecordingTelemetryChannel : ITelemetryChannel
{
    private readonly ConcurrentQueue<ITelemetry> _items = new();

    public bool? DeveloperMode { get; set; }

    public string EndpointAddress { get; set; } = "";

    public IReadOnlyList<ITelemetry> Items => _items.ToArray();

    public IEnumerable<T> OfType<T>() => Items.OfType<T>();

    public void Send(ITelemetry item) => _items.Enqueue(item);

    public void Flush()
    {
    }

    public void Dispose()
    {
    }
}
