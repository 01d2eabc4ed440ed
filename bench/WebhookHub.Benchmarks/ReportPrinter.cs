using System.Globalization;
using System.Text;

namespace WebhookHub.Benchmarks;

/// <summary>The console table and the headline line.</summary>
internal static class ReportPrinter
{
    private const int LabelWidth = 44;
    private const int ColumnWidth = 20;

    public static string Format(BenchmarkResults results)
    {
        var (bare, hub) = (results.Bare, results.Hub);
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine(Row("", bare.Name, hub.Name));
        text.AppendLine(Row($"{results.Settings.Client} client, closed loop (peak)", "", ""));
        text.AppendLine(Row($"  200/s ({results.Settings.Connections} connections)", N(bare.Peak.OkPerSecond), N(hub.Peak.OkPerSecond)));
        text.AppendLine(Row("  non-200 / errors", Errors(bare.Peak.Errors, bare.Peak.ErrorsByKind), Errors(hub.Peak.Errors, hub.Peak.ErrorsByKind)));
        text.AppendLine(Row("  latency p50 / p99 ms (closed loop)", Pair(bare.Peak.Latency.P50Ms, bare.Peak.Latency.P99Ms), Pair(hub.Peak.Latency.P50Ms, hub.Peak.Latency.P99Ms)));
        text.AppendLine(Row("  CPU cores: server/load gen/irq/other", Cpu(bare.Peak.Cpu), Cpu(hub.Peak.Cpu)));
        text.AppendLine(Row($"{results.Settings.Client} client, open loop at {results.Settings.RateFraction:0.##} × own peak", "", ""));
        text.AppendLine(Row("  target / achieved req/s", $"{N(bare.Rate.TargetPerSecond)} / {N(bare.Rate.AchievedPerSecond)}", $"{N(hub.Rate.TargetPerSecond)} / {N(hub.Rate.AchievedPerSecond)}"));
        foreach (var (label, pick) in LatencyRows())
        {
            text.AppendLine(Row($"  {label} ms (from scheduled send)", F(pick(bare.Rate.Latency)), F(pick(hub.Rate.Latency))));
        }

        text.AppendLine(Row("  p99 ms service time (from hand-off)", F(bare.Rate.ServiceTime.P99Ms), F(hub.Rate.ServiceTime.P99Ms)));
        text.AppendLine(Row("  max pacer send lag ms", F(bare.Rate.MaxSendLagMs), F(hub.Rate.MaxSendLagMs)));
        text.AppendLine(Row("  non-200 / errors", Errors(bare.Rate.Errors, bare.Rate.ErrorsByKind), Errors(hub.Rate.Errors, hub.Rate.ErrorsByKind)));
        text.AppendLine(Row("  CPU cores: server/load gen/irq/other", Cpu(bare.Rate.Cpu), Cpu(hub.Rate.Cpu)));
        if (bare.Wrk is { } bareWrk && hub.Wrk is { } hubWrk)
        {
            text.AppendLine(Row($"wrk closed loop (peak, {bareWrk.Threads} threads)", "", ""));
            text.AppendLine(Row($"  200/s ({bareWrk.Connections} connections)", N(bareWrk.OkPerSecond), N(hubWrk.OkPerSecond)));
            text.AppendLine(Row("  errors (status > 399, socket, timeout)", N(bareWrk.Errors), N(hubWrk.Errors)));
            text.AppendLine(Row("  latency p50 / p99 ms (closed loop)", Pair(bareWrk.Latency.P50Ms, bareWrk.Latency.P99Ms), Pair(hubWrk.Latency.P50Ms, hubWrk.Latency.P99Ms)));
            text.AppendLine(Row("  CPU cores: server/irq/wrk+other", Cpu(bareWrk.Cpu, withLoadGenerator: false), Cpu(hubWrk.Cpu, withLoadGenerator: false)));
        }

        var check = results.StorageCheck;
        text.AppendLine();
        text.AppendLine($"WebhookHub events stored: {N(check.StoredEvents)}; 200s seen: {N(check.AcknowledgedByClient)} ({results.Settings.Client} client) + {N(check.AcknowledgedByWrk)} (wrk) -> {(check.Consistent ? "consistent" : "MISMATCH")}");
        text.AppendLine($"SQLite file on: {results.Machine.DataFileSystem ?? results.Machine.DataDirectory}; " +
            $"background load before start: {(results.Machine.BackgroundCores is { } background ? F(background) : "n/a")} cores");
        text.AppendLine();
        text.AppendLine(Headline(results));
        if (results.Summary.WrkThroughputRatio is { } wrkRatio)
        {
            text.AppendLine($"wrk ingest/bare throughput ratio: {wrkRatio:0.00}  (WebhookHub {N(hub.Wrk!.OkPerSecond)} req/s vs bare Kestrel {N(bare.Wrk!.OkPerSecond)} req/s)");
        }

        text.AppendLine($"goal (ratio ≥ {BenchmarkDefaults.GoalRatio:0.0}, p99 ≤ {BenchmarkDefaults.GoalP99Milliseconds:0} ms at half peak, no errors): {results.Summary.GoalMet switch { true => "MET", false => "NOT MET", null => "not evaluated (needs --rate-fraction 0.5)" }}");
        return text.ToString();
    }

    private static string Headline(BenchmarkResults results)
    {
        var s = results.Summary;
        return $"ingest/bare throughput ratio: {s.ThroughputRatio:0.00}  (WebhookHub {N(s.HubPeakPerSecond)} req/s vs bare Kestrel {N(s.BarePeakPerSecond)} req/s); " +
            $"WebhookHub p99 at {RateLabel(results.Settings.RateFraction)}: {s.HubP99MsAtRate:0.0} ms";
    }

    private static string RateLabel(double fraction) =>
        fraction == 0.5 ? "half peak" : $"{fraction.ToString("0.##", CultureInfo.InvariantCulture)} × peak";

    private static IEnumerable<(string Label, Func<LatencySummary, double> Pick)> LatencyRows() =>
    [
        ("p50", l => l.P50Ms), ("p90", l => l.P90Ms), ("p99", l => l.P99Ms), ("p99.9", l => l.P999Ms), ("max", l => l.MaxMs),
    ];

    private static string Row(string label, string bare, string hub) =>
        label.PadRight(LabelWidth) + bare.PadLeft(ColumnWidth) + hub.PadLeft(ColumnWidth);

    private static string Errors(long count, IReadOnlyDictionary<string, long> byKind) =>
        count == 0 ? "0" : $"{N(count)} ({string.Join(", ", byKind.Select(e => $"{e.Key}: {e.Value}"))})";

    private static string Cpu(CpuUsage cpu, bool withLoadGenerator = true)
    {
        string[] cores = withLoadGenerator
            ? [F(cpu.ServerCores), F(cpu.BenchmarkProcessCores), Optional(cpu.InterruptCores), Optional(cpu.OtherCores)]
            : [F(cpu.ServerCores), Optional(cpu.InterruptCores), Optional(cpu.OtherCores)];
        return string.Join('/', cores);
    }

    private static string Optional(double? value) => value is { } v ? F(v) : "n/a";

    private static string Pair(double a, double? b) => $"{F(a)} / {(b is { } v ? F(v) : "n/a")}";

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
