using System.Diagnostics;

namespace WebhookHub.Benchmarks;

/// <summary>Latency percentiles in milliseconds (nearest rank over every recorded sample, no histogram rounding).</summary>
internal sealed record LatencySummary(long Samples, double MeanMs, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs)
{
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>Summarises Stopwatch tick durations; negative entries (never completed) are skipped. Sorts a copy.</summary>
    public static LatencySummary FromTicks(IEnumerable<long> ticks)
    {
        var sorted = ticks.Where(t => t >= 0).ToArray();
        if (sorted.Length == 0) return Empty;
        Array.Sort(sorted);
        return new LatencySummary(
            sorted.Length,
            Ms(sorted.Average(t => (double)t)),
            Ms(Percentile(sorted, 50)),
            Ms(Percentile(sorted, 90)),
            Ms(Percentile(sorted, 99)),
            Ms(Percentile(sorted, 99.9)),
            Ms(sorted[^1]));
    }

    private static long Percentile(long[] sorted, double percent)
    {
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private static double Ms(double ticks) => Math.Round(ticks * 1000 / Stopwatch.Frequency, 3);
}
