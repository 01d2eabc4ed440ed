using WebhookHub.Delivery;

namespace WebhookHub.Replay;

/// <summary>
/// Runs one bulk replay job: takes its next deliveries in batches of about a tenth of its rate, re-queues each batch with
/// <see cref="IDeliveryStore.ReplayAsync"/>, stores the progress and cursor, and paces itself on <see cref="TimeProvider"/> so
/// that after <c>n</c> deliveries at least <c>n / RatePerSecond</c> seconds have passed since it started. Thread-safe; one
/// call per job at a time.
/// </summary>
/// <remarks>
/// A process stopped between a batch's replay and its progress commit resumes from the previous cursor; the batch's
/// deliveries are pending by then and no longer match the job's statuses, so they are not replayed twice unless they
/// already failed again.
/// </remarks>
public sealed class ReplayJobRunner(IReplayJobStore jobs, IDeliveryStore deliveries, TimeProvider timeProvider)
{
    /// <summary>Deliveries replayed per batch at <paramref name="ratePerSecond"/>: a tenth of the rate, at least 1.</summary>
    public static int BatchSize(int ratePerSecond) => Math.Max(1, ratePerSecond / ReplayDefaults.BatchesPerSecond);

    /// <summary>Runs <paramref name="job"/> to its end and returns it as stored last (<see cref="ReplayJobStatus.Done"/>).</summary>
    /// <param name="job">A queued or running job (a running one resumes after its cursor).</param>
    /// <param name="cancellationToken">Shutdown: the job stops between batches and stays running, to resume at the next start.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ReplayJob> RunAsync(ReplayJob job, CancellationToken cancellationToken = default)
    {
        var batchSize = BatchSize(job.RatePerSecond);
        job = job with { Status = ReplayJobStatus.Running, UpdatedAt = timeProvider.GetUtcNow() };
        await jobs.SaveReplayProgressAsync(job, cancellationToken).ConfigureAwait(false);

        var started = timeProvider.GetTimestamp();
        var replayedHere = 0L;
        while (true)
        {
            var batch = await jobs.ListReplayCandidatesAsync(job, batchSize, cancellationToken).ConfigureAwait(false);
            if (batch.Count > 0)
            {
                var now = timeProvider.GetUtcNow();
                await deliveries.ReplayAsync(batch, now, cancellationToken).ConfigureAwait(false);
                var last = batch[^1];
                job = job with { Replayed = job.Replayed + batch.Count, CursorCreatedAt = last.CreatedAt, CursorDeliveryId = last.Id, UpdatedAt = now };
                await jobs.SaveReplayProgressAsync(job, CancellationToken.None).ConfigureAwait(false);
                replayedHere += batch.Count;
            }

            if (batch.Count < batchSize) break;

            var wait = TimeSpan.FromSeconds(replayedHere / (double)job.RatePerSecond) - timeProvider.GetElapsedTime(started);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, timeProvider, cancellationToken).ConfigureAwait(false);
        }

        job = job with { Status = ReplayJobStatus.Done, UpdatedAt = timeProvider.GetUtcNow() };
        await jobs.SaveReplayProgressAsync(job, CancellationToken.None).ConfigureAwait(false);
        return job;
    }
}
