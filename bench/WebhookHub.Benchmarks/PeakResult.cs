namespace WebhookHub.Benchmarks;

/// <summary>Closed-loop (peak) phase: 200s per second over the measured window, errors, CPU, and closed-loop latency.</summary>
/// <remarks>Closed-loop latency suffers from coordinated omission; use the open-loop phase for latency claims.</remarks>
internal sealed record PeakResult(
    int Connections,
    double Seconds,
    long Ok,
    double OkPerSecond,
    long Errors,
    IReadOnlyDictionary<string, long> ErrorsByKind,
    CpuUsage Cpu,
    LatencySummary Latency);
