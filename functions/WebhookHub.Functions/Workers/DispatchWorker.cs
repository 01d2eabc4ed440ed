using Microsoft.Extensions.Options;
using WebhookHub.Delivery;
using WebhookHub.Functions.Telemetry;
using WebhookHub.Routing;
using WebhookHub.Storage.Sqlite;

namespace WebhookHub.Functions.Workers;

/// <summary>
/// Standalone fan-out: claims undispatched events from the outbox and dispatches each. Wakes when an event is stored, else
/// polls. An event whose dispatch fails keeps its lease until it expires and is then claimed again, so none is lost.
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
                    foreach (var webhookEvent in events)
                    {
                        try
                        {
                            var deliveries = await dispatcher.DispatchAsync(webhookEvent, stoppingToken);
                            Log.EventDispatched(logger, webhookEvent.TenantId, webhookEvent.Id, deliveries.Count);
                        }
                        catch (Exception exception) when (exception is not OperationCanceledException)
                        {
                            Log.DispatchFailed(logger, webhookEvent.Id, exception);
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
