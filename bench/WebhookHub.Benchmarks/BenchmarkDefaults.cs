namespace WebhookHub.Benchmarks;

/// <summary>Every default of the benchmark, in one place.</summary>
internal static class BenchmarkDefaults
{
    /// <summary>Concurrent connections of the closed-loop phase, and the connection cap of the open-loop phase.</summary>
    public const int Connections = 32;

    /// <summary>Length of each measured phase.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

    /// <summary>Unmeasured load before each peak measurement.</summary>
    public static readonly TimeSpan Warmup = TimeSpan.FromSeconds(3);

    /// <summary>The open-loop rate as a fraction of the server's own measured peak.</summary>
    public const double RateFraction = 0.5;

    /// <summary>Pause between phases so WAL checkpoints and GC of the previous phase settle.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    /// <summary>Per-request timeout of the load generator; a timed-out request counts as an error.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The results file, relative to the repository root.</summary>
    public const string OutFile = "bench/results/latest.json";

    /// <summary>The goal from the issue: WebhookHub throughput at least this fraction of bare Kestrel…</summary>
    public const double GoalRatio = 0.5;

    /// <summary>…with p99 at or under this at half the peak rate.</summary>
    public const double GoalP99Milliseconds = 10;

    /// <summary>The delivery benchmark's backlog, and the plain loop's request count.</summary>
    public const int Deliveries = 20_000;

    /// <summary>The delivery benchmark's concurrency: WebhookHub's default <c>MaxConcurrency</c>.</summary>
    public const int DeliveryConcurrency = 64;
}
