using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using WebhookHub.Delivery;
using WebhookHub.Functions.Telemetry;
using WebhookHub.Replay;
using WebhookHub.Storage.Sqlite;

namespace WebhookHub.Functions.Workers;

/// <summary>
/// Runs bulk replay jobs: every queued or running job in the store (so jobs left running by a stopped process resume at
/// start-up), each on its own task through the <see cref="ReplayJobRunner"/>, which paces it at its rate. Wakes when a job is
/// stored (SQLite), else polls. A job that throws is stored as failed with a generic reason (the exception goes to the log only).
/// </summary>
internal sealed class ReplayJobWorker(
    IReplayJobStore jobs,
    ReplayJobRunner runner,
    IOptions<DeliveryOptions> options,
    TimeProvider timeProvider,
    ILogger<ReplayJobWorker> logger,
    SqliteWebhookStore? store = null) : BackgroundService
{
    /// <summary>The error stored on a job that stopped on an exception; never the exception's own text.</summary>
    public const string InternalError = "The replay stopped on an internal error; see the WebhookHub log. Deliveries replayed until then stay replayed.";

    /// <summary>The poll interval when no store signals new jobs.</summary>
    private static readonly TimeSpan UnsignalledPoll = TimeSpan.FromSeconds(10);

    private readonly WorkSignal _signal = new();
    private readonly ConcurrentDictionary<string, Task> _running = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Without the SQLite store's wake-up signal (Table Storage), a new job is found by polling, less often: each poll is a query.
        var poll = store is null ? TimeSpan.FromTicks(Math.Max(options.Value.PollInterval.Ticks, UnsignalledPoll.Ticks)) : options.Value.PollInterval;
        if (store is not null) store.ReplayJobQueued += _signal.Set;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    foreach (var job in await jobs.ListUnfinishedReplayJobsAsync(stoppingToken))
                    {
                        if (!_running.ContainsKey(job.Id)) _running[job.Id] = RunAsync(job, stoppingToken);
                    }

                    await _signal.WaitAsync(poll, timeProvider, stoppingToken);
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
            if (store is not null) store.ReplayJobQueued -= _signal.Set;
            await Task.WhenAll(_running.Values).ConfigureAwait(false);
        }
    }

    private async Task RunAsync(ReplayJob job, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            var finished = await runner.RunAsync(job, stoppingToken);
            Log.ReplayJobFinished(logger, finished.TenantId, finished.SubscriptionId, finished.Id, finished.Status, finished.Replayed, finished.Total);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            Log.ReplayJobFailed(logger, job.TenantId, job.Id, exception);
            try
            {
                var latest = await jobs.GetReplayJobAsync(job.TenantId, job.Id, CancellationToken.None) ?? job;
                await jobs.SaveReplayProgressAsync(
                    latest with { Status = ReplayJobStatus.Failed, Error = InternalError, UpdatedAt = timeProvider.GetUtcNow() }, CancellationToken.None);
            }
            catch (Exception saveException)
            {
                Log.WorkerLoopFailed(logger, saveException);
            }
        }
        finally
        {
            _running.TryRemove(job.Id, out _);
        }
    }
}
