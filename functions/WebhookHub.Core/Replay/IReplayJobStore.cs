using WebhookHub.Delivery;

namespace WebhookHub.Replay;

/// <summary>Stores bulk replay jobs and finds the deliveries each one replays. Reads taking a tenant ID see only that tenant.</summary>
public interface IReplayJobStore
{
    /// <summary>Stores a new job with its <see cref="ReplayJob.Total"/> counted in the same commit; returns the stored job.</summary>
    Task<ReplayJob> CreateReplayJobAsync(ReplayJob job, CancellationToken cancellationToken = default);

    /// <summary>Reads one of a tenant's jobs, or <see langword="null"/>.</summary>
    Task<ReplayJob?> GetReplayJobAsync(string tenantId, string jobId, CancellationToken cancellationToken = default);

    /// <summary>Lists every queued or running job of every tenant, oldest first (what a worker resumes at start-up).</summary>
    Task<IReadOnlyList<ReplayJob>> ListUnfinishedReplayJobsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns up to <paramref name="max"/> deliveries the job still has to replay: its subscription's deliveries created from
    /// <see cref="ReplayJob.Since"/> to <see cref="ReplayJob.CreatedAt"/>, after the job's cursor, in one of its statuses now;
    /// oldest first (by creation, then ID).
    /// </summary>
    Task<IReadOnlyList<WebhookDelivery>> ListReplayCandidatesAsync(ReplayJob job, int max, CancellationToken cancellationToken = default);

    /// <summary>Stores the job's status, progress, cursor, update time and error.</summary>
    Task SaveReplayProgressAsync(ReplayJob job, CancellationToken cancellationToken = default);
}
