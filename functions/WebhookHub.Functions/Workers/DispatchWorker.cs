using Microsoft.Extensions.Options;
using WebhookHub.Delivery;
using WebhookHub.Functions.Telemetry;
using WebhookHub.Routing;
using WebhookHub.Storage.Sqlite;

namespace WebhookHub.Functions.Workers;

/// <summary>
/// Standalone fan-out: claims undispatched events from the outbox in batches and dispatches each batch in one commit.
/// Wakes when an event is stored, else polls. A batch whose dispatch fails stays undispatched and is claimed again after
/// the poll interval, so no event is lost.
/// </summary>
internal sealed class DispatchWorker(
    IDispatchQueue queue,
    Dispatcher dispatcher,
    SqliteWebhookStore store,
    IOptions<DeliveryOptions> options,
    TimeProvider timeProvider,
    ILogger<DispatchWorker> logger) : BackgroundService
{
    private const int BatchSize = 64;
    private readonly WorkSignal _signal = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = options.Value.PollInterval;
        var lease = options.Value.Lease;
        store.EventsAppended += _signal.Set;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var events = await queue.ClaimAsync(BatchSize, timeProvider.GetUtcNow(), lease, stoppingToken);
                    if (events.Count > 0)
                    {
                        try
                        {
                            var deliveries = await dispatcher.DispatchAsync(events, stoppingToken);
                            Log.EventsDispatched(logger, events.Count, deliveries.Count);
                        }
                        catch (Exception exception) when (exception is not OperationCanceledException)
                        {
                            Log.DispatchFailed(logger, events.Count, exception);
                            await Task.Delay(poll, timeProvider, stoppingToken);
                        }
                    }

                    if (events.Count < BatchSize) await _signal.WaitAsync(poll, timeProvider, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    Log.WorkerLoopFailed(logger, exception);
                    await Task.Delay(poll, timeProvider, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            store.EventsAppended -= _signal.Set;
        }
    }
}
