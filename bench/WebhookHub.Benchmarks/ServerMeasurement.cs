using System.Globalization;

namespace WebhookHub.Benchmarks;

/// <summary>The phases against one running server: HttpClient peak, HttpClient fixed-rate latency, then wrk peak.</summary>
internal static class ServerMeasurement
{
    public static async Task<ServerResult> RunAsync(
        ServerProcess server, IngestTarget target, BenchmarkOptions options, WrkRunner? wrk, OutcomeCounters totals)
    {
        using var client = IngestClients.Create(options.Client, target, options.Connections);
        var cpu = new CpuMeter(server);

        Progress(server, $"peak, {options.Client} client, closed loop: {options.Connections} connections, {options.Warmup.TotalSeconds:0.#} s warm-up + {options.Duration.TotalSeconds:0.#} s");
        var peak = await ClosedLoopPhase.RunAsync(client, totals, cpu, options.Connections, options.Warmup, options.Duration);
        Progress(server, $"  {peak.OkPerSecond.ToString("N0", CultureInfo.InvariantCulture)} req/s (200), {peak.Errors} errors, server {peak.Cpu.ServerCores} cores, load generator {peak.Cpu.BenchmarkProcessCores} cores, machine {peak.Cpu.MachineCores} cores (irq {peak.Cpu.InterruptCores})");

        await Task.Delay(BenchmarkDefaults.Settle);
        var rate = Math.Max(1, peak.OkPerSecond * options.RateFraction);
        Progress(server, $"latency, {options.Client} client, open loop: {rate.ToString("N0", CultureInfo.InvariantCulture)} req/s for {options.Duration.TotalSeconds:0.#} s");
        var open = await OpenLoopPhase.RunAsync(client, totals, cpu, rate, options.Duration);
        Progress(server, $"  p50 {open.Latency.P50Ms} ms, p99 {open.Latency.P99Ms} ms, max {open.Latency.MaxMs} ms, {open.Errors} errors");

        WrkResult? wrkResult = null;
        if (wrk is not null)
        {
            await Task.Delay(BenchmarkDefaults.Settle);
            Progress(server, $"peak, wrk: {options.Connections} connections, {options.Warmup.TotalSeconds:0.#} s warm-up + {options.Duration.TotalSeconds:0.#} s");
            wrkResult = await wrk.RunAsync(target, cpu, options.Connections, options.Warmup, options.Duration);
            Progress(server, $"  {wrkResult.OkPerSecond.ToString("N0", CultureInfo.InvariantCulture)} req/s, {wrkResult.Errors} errors, server {wrkResult.Cpu.ServerCores} cores, machine {wrkResult.Cpu.MachineCores} cores (irq {wrkResult.Cpu.InterruptCores})");
        }

        return new ServerResult(server.Name, peak, open, wrkResult);
    }

    private static void Progress(ServerProcess server, string message) =>
        Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {server.Name}: {message}");
}
