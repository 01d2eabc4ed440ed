namespace WebhookHub.Benchmarks;

/// <summary>
/// Whole-machine CPU from <c>/proc/stat</c> (Linux): what everything, not just the benchmark, is using. Interrupt time
/// (irq + softirq, where loopback TCP is processed) is kept apart because it is charged to no process.
/// </summary>
internal static class MachineCpu
{
    /// <summary>Busy, interrupt and total jiffies of all CPUs (idle and iowait count as idle), or <see langword="null"/> off Linux.</summary>
    public static Snapshot? Ticks()
    {
        if (!File.Exists("/proc/stat")) return null;

        // cpu  user nice system idle iowait irq softirq steal ...
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var total = fields.Take(8).Sum();
        return new Snapshot(total - fields[3] - fields[4], fields[5] + fields[6], total);
    }

    /// <summary>Average busy cores between two readings, and how many of them were interrupt processing.</summary>
    public static (double Busy, double Interrupt)? Cores(Snapshot? before, Snapshot? after)
    {
        if (before is not { } b || after is not { } a || a.Total <= b.Total) return null;
        double Scale(long jiffies) => Math.Round((double)jiffies / (a.Total - b.Total) * Environment.ProcessorCount, 2);
        return (Scale(a.Busy - b.Busy), Scale(a.Interrupt - b.Interrupt));
    }

    /// <summary>Busy cores over <paramref name="window"/> while the benchmark is idle: load from other processes.</summary>
    public static async Task<double?> MeasureBackgroundAsync(TimeSpan window)
    {
        var before = Ticks();
        await Task.Delay(window);
        return Cores(before, Ticks())?.Busy;
    }

    /// <summary>One reading of the cumulative counters, in jiffies.</summary>
    internal readonly record struct Snapshot(long Busy, long Interrupt, long Total);
}
