namespace WebhookHub.Replay;

/// <summary>Where a bulk replay job stands.</summary>
public enum ReplayJobStatus
{
    /// <summary>Created; no delivery replayed yet.</summary>
    Queued,
    /// <summary>Replaying; <see cref="ReplayJob.Replayed"/> grows at most at the job's rate.</summary>
    Running,
    /// <summary>Every matching delivery was replayed (or no longer matched when its turn came).</summary>
    Done,
    /// <summary>Stopped by an internal error; <see cref="ReplayJob.Error"/> says so. Deliveries replayed until then stay replayed.</summary>
    Failed,
}
