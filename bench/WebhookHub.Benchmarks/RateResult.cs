namespace WebhookHub.Benchmarks;

/// <summary>Open-loop (fixed-rate) phase.</summary>
/// <param name="TargetPerSecond">The scheduled rate.</param>
/// <param name="Scheduled">Requests scheduled (rate × duration).</param>
/// <param name="Ok">200 responses.</param>
/// <param name="AchievedPerSecond">Completed responses per second of the phase (last completion − start).</param>
/// <param name="Errors">Non-200 responses and transport failures.</param>
/// <param name="ErrorsByKind"><see cref="Errors"/> by status code or kind.</param>
/// <param name="MaxSendLagMs">How late the pacer sent its most delayed request; part of the corrected latency.</param>
/// <param name="Cpu">CPU over the phase, in cores.</param>
/// <param name="Latency">From each request's scheduled send time to its response (coordinated omission corrected).</param>
/// <param name="ServiceTime">From the pacer handing the request to the client (including any wait for a free connection) to the response.</param>
internal sealed record RateResult(
    double TargetPerSecond,
    long Scheduled,
    long Ok,
    double AchievedPerSecond,
    long Errors,
    IReadOnlyDictionary<string, long> ErrorsByKind,
    double MaxSendLagMs,
    CpuUsage Cpu,
    LatencySummary Latency,
    LatencySummary ServiceTime);
