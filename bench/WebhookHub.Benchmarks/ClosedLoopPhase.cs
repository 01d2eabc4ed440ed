using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace WebhookHub.Benchmarks;

/// <summary>
/// Peak throughput: <c>connections</c> workers each send, await the response, and send again. Counts 200s between the end
/// of the warm-up and the end of the window; requests still in flight at the end are awaited (and counted in totals).
/// </summary>
internal static class ClosedLoopPhase
{
    public static async Task<PeakResult> RunAsync(
        IIngestClient client, OutcomeCounters totals, CpuMeter cpu, int connections, TimeSpan warmup, TimeSpan duration)
    {
        var window = new OutcomeCounters();
        var measuring = new StrongBox<bool>();
        var stopping = new StrongBox<bool>();
        var samples = new List<long>[connections];
        var workers = new Task[connections];
        for (var i = 0; i < connections; i++)
        {
            var mine = samples[i] = new List<long>(64 * 1024);
            workers[i] = Task.Run(async () =>
            {
                while (!Volatile.Read(ref stopping.Value))
                {
                    var started = Stopwatch.GetTimestamp();
                    var status = await client.SendAsync().ConfigureAwait(false);
                    var elapsed = Stopwatch.GetTimestamp() - started;
                    totals.Record(status);
                    if (Volatile.Read(ref measuring.Value))
                    {
                        window.Record(status);
                        mine.Add(elapsed);
                    }
                }
            });
        }

        await Task.Delay(warmup);
        cpu.Start();
        var start = Stopwatch.GetTimestamp();
        Volatile.Write(ref measuring.Value, true);
        await Task.Delay(duration);
        Volatile.Write(ref measuring.Value, false);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var usage = cpu.Stop();
        Volatile.Write(ref stopping.Value, true);
        await Task.WhenAll(workers);

        return new PeakResult(
            connections,
            Math.Round(seconds, 3),
            window.Ok,
            Math.Round(window.Ok / seconds, 1),
            window.Failed,
            window.Errors(),
            usage,
            LatencySummary.FromTicks(samples.SelectMany(s => s)));
    }
}
