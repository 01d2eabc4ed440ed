using Microsoft.Extensions.Hosting;

namespace WebhookHub.Azure.Telemetry;

/// <summary>
/// A diagnostics listener that lives as long as the host: it starts before any hosted service or the server
/// (<see cref="IHostedLifecycleService.StartingAsync"/>), so nothing measured at start-up is missed, and stops once everything
/// else has stopped.
/// </summary>
internal abstract class TelemetryListener : IHostedLifecycleService, IDisposable
{
    private IDisposable? _listener;

    /// <summary>Creates and starts the listener.</summary>
    protected abstract IDisposable Listen();

    /// <inheritdoc/>
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _listener ??= Listen();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _listener?.Dispose();
        _listener = null;
    }
}
