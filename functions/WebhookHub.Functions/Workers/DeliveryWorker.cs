using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using WebhookHub.Delivery;
using WebhookHub.Functions.Delivery;
using WebhookHub.Functions.Telemetry;
using WebhookHub.Storage.Sqlite;

namespace WebhookHub.Functions.Workers;

/// <summary>
/// Standalone delivery: claims due deliveries fairly (see <see cref="DeliveryClaim"/>: rotating across tenants and
/// subscriptions, each subscription within its concurrency cap, none whose circuit is open or whose rate limit is spent), up to
/// <see cref="DeliveryOptions.MaxConcurrency"/> in flight, and takes each through the <see cref="EndpointFlow"/>. Wakes when
/// deliveries become due or one finishes, else polls (which is also how scheduled retries and ended circuit breaks come due).
/// While others are in flight it claims only once a batch's worth of slots is free (a quarter of
/// <see cref="DeliveryOptions.MaxConcurrency"/>, at most <see cref="MaxClaim"/>), or when the poll interval passes, so that a
/// busy worker pays for one claim per batch rather than one per finished delivery.
/// On shutdown, in-flight attempts are cancelled unrecorded; their leases expire and they are sent again.
/// </summary>
internal sealed class DeliveryWorker(
    IDeliveryStore deliveries,
    EndpointFlow flow,
    SqliteWebhookStore store,
    IOptions<DeliveryOptions> options,
    WebhookHubMetrics metrics,
    TimeProvider timeProvider,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    /// <summary>The most deliveries claimed in one round.</summary>
    private const int MaxClaim = 64;

    private readonly WorkSignal _signal = new();
    private readonly int _claimBatch = Math.Clamp(options.Value.MaxConcurrency / 4, 1, MaxClaim);
    private readonly ConcurrentDictionary<string, Task> _inFlight = new();
    private readonly ConcurrentDictionary<string, int> _inFlightBySubscription = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        store.DeliveriesDue += _signal.Set;
        var claimAnyway = true;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // The poll starts before the claim reads the clock, so time that passes during the claim still ends the wait.
                using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var pollElapsed = Task.Delay(settings.PollInterval, timeProvider, poll.Token);
                try
                {
                    var free = settings.MaxConcurrency - _inFlight.Count;
                    var claimNow = free >= _claimBatch || (free > 0 && (claimAnyway || _inFlight.IsEmpty));
                    var jobs = claimNow
                        ? await deliveries.ClaimDueAsync(flow.CreateClaim(Math.Min(free, MaxClaim), InFlightBySubscription()), stoppingToken)
                        : [];
                    foreach (var job in jobs)
                    {
                        var admission = flow.Admit(job);
                        _inFlightBySubscription.AddOrUpdate(job.Delivery.SubscriptionId, 1, (_, count) => count + 1);
                        _inFlight[job.Delivery.Id] = RunAsync(job, admission, stoppingToken);
                    }

                    // More may be due: claim again at once while a batch's worth of slots is still free; otherwise wait for a
                    // finished delivery or new work, and claim whatever is free once the poll interval has passed.
                    claimAnyway = false;
                    if (jobs.Count == 0 || free - jobs.Count < _claimBatch)
                    {
                        await _signal.WaitAsync(pollElapsed, stoppingToken);
                        claimAnyway = pollElapsed.IsCompleted;
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    Log.WorkerLoopFailed(logger, exception);
                    await Task.Delay(settings.PollInterval, timeProvider, stoppingToken);
                }
                finally
                {
                    poll.Cancel();
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

    private Dictionary<string, int> InFlightBySubscription() => new(_inFlightBySubscription.Where(pair => pair.Value > 0));

    private async Task RunAsync(DeliveryJob job, Admission admission, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var delivery = job.Delivery;
        try
        {
            if (await flow.ProcessAsync(job, admission, stoppingToken) is { } attempt)
            {
                metrics.Attempted(delivery.TenantId, attempt);
                Log.DeliveryAttempted(logger, delivery.TenantId, delivery.EventId, delivery.Id, attempt.AttemptNumber, attempt.Outcome, attempt.StatusCode, attempt.Error);
                if (attempt.Outcome == DeliveryStatus.Dead)
                {
                    Log.DeliveryDeadLettered(logger, delivery.TenantId, delivery.EventId, delivery.Id, attempt.AttemptNumber, attempt.Error);
                }
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
            if (_inFlightBySubscription.AddOrUpdate(delivery.SubscriptionId, 0, (_, count) => count - 1) == 0)
            {
                _inFlightBySubscription.TryRemove(new KeyValuePair<string, int>(delivery.SubscriptionId, 0));
            }
            _inFlight.TryRemove(delivery.Id, out _);
            _signal.Set();
        }
    }
}
