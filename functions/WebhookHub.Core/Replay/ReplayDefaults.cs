namespace WebhookHub.Replay;

/// <summary>The defaults and bounds of bulk replay jobs, in one place.</summary>
public static class ReplayDefaults
{
    /// <summary>50 deliveries per second.</summary>
    public const int RatePerSecond = 50;

    /// <summary>The fastest a job may replay: 1000 deliveries per second.</summary>
    public const int MaxRatePerSecond = 1000;

    /// <summary>A job replays in about 10 batches per second, so its rate is smooth at a tenth of a second.</summary>
    public const int BatchesPerSecond = 10;
}
