namespace WebhookHub.Benchmarks;

/// <summary>Whole-machine CPU from <c>/proc/stat</c> (Linux): what everything, not just the benchmark, is using.</summary>
internal static class MachineCpu
{
    /// <summary>Busy and total jiffies of all CPUs (idle and iowait count as idle), or <see langword="null"/> off Linux.</summary>
    public static (long Busy, long Total)? Ticks()
    {
        if (!File.Exists("/proc/stat")) return null;
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var total = fields.Take(8).Sum();
        return (total - fields[3] - fields[4], total);
    }

    /// <summary>Average busy cores between two <see cref="Ticks"/> readings.</summary>
    public static double? BusyCores((long Busy, long Total)? before, (long Busy, long Total)? after) =>
        before is { } b && after is { } a && a.Total > b.Total
            ? Math.Round((double)(a.Busy - b.Busy) / (a.Total - b.Total) * Environment.ProcessorCount, 2)
            : null;

    /// <summary>Busy cores over <paramref name="window"/> while the benchmark is idle: load from other processes.</summary>
    public static async Task<double?> MeasureBackgroundAsync(TimeSpan window)
    {
        var before = Ticks();
        await Task.Delay(window);
        return BusyCores(before, Ticks());
    }
}
