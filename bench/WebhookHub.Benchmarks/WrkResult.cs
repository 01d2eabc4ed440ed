namespace WebhookHub.Benchmarks;

/// <summary>
/// One wrk peak run (closed loop, <c>threads</c> × <c>connections</c>). <see cref="Errors"/> counts responses with status
/// &gt; 399 plus socket errors and timeouts; latencies are closed-loop (not corrected for coordinated omission).
/// </summary>
internal sealed record WrkResult(
    int Threads,
    int Connections,
    double Seconds,
    long Requests,
    long Errors,
    double OkPerSecond,
    LatencySummary Latency,
    CpuUsage Cpu);
