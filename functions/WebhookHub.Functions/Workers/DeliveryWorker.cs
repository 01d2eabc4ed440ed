using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using WebhookHub.Delivery;
using WebhookHub.Functions.Telemetry;
using WebhookHub.Storage.Sqlite;

namespace WebhookHub.Functions.Workers;

/// <summary>
/// Standalone delivery: claims due deliveries (up to <see cref="DeliveryOptions.MaxConcurrency"/> in flight) and sends each
/// through the <see cref="Deliverer"/>. Wakes when deliveries become due or one finishes, else polls (which is also how
/// scheduled retries come due). On shutdown, in-flight attempts are cancelled unrecorded; their leases expire and they are sent again.
/// </summary>
internal sealed class DeliveryWorker(
    IDeliveryStore deliveries,
    Deliverer deliverer,
    SqliteWebhookStore store,
    IOptions<DeliveryOptions> options,
    WebhookHubMetrics metrics,
    TimeProvider timeProvider,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    private readonly WorkSignal _signal = new();
    private readonly ConcurrentDictionary<string, Task> _inFlight = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        store.DeliveriesDue += _signal.Set;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var free = settings.MaxConcurrency - _inFlight.Count;
                    var jobs = free > 0
                        ? await deliveries.ClaimDueAsync(Math.Min(free, 64), timeProvider.GetUtcNow(), settings.Lease, stoppingToken)
                        : [];
                    foreach (var job in jobs)
                    {
                        _inFlight[job.Delivery.Id] = RunAsync(job, stoppingToken);
                    }

                    if (jobs.Count == 0) await _signal.WaitAsync(settings.PollInterval, timeProvider, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    Log.WorkerLoopFailed(logger, exception);
                    await Task.Delay(settings.PollInterval, timeProvider, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            store.DeliveriesDue -= _signal.Set;
            await Task.WhenAll(_inFlight.Values).ConfigureAwait(false);
        }
    }

    private async Task RunAsync(DeliveryJob job, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var delivery = job.Delivery;
        try
        {
            var attempt = await deliverer.DeliverAsync(job, stoppingToken);
            metrics.Attempted(delivery.TenantId, attempt);
            Log.DeliveryAttempted(logger, delivery.TenantId, delivery.EventId, delivery.Id, attempt.AttemptNumber, attempt.Outcome, attempt.StatusCode, attempt.Error);
            if (attempt.Outcome == DeliveryStatus.Dead)
            {
                Log.DeliveryDeadLettered(logger, delivery.TenantId, delivery.EventId, delivery.Id, attempt.AttemptNumber, attempt.Error);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            Log.DeliveryCrashed(logger, delivery.Id, exception);
        }
        finally
        {
            _inFlight.TryRemove(delivery.Id, out _);
            _signal.Set();
        }
    }
}
