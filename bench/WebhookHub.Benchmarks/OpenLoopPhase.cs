using System.Diagnostics;

namespace WebhookHub.Benchmarks;

/// <summary>
/// Latency at a fixed rate: request <c>i</c> is due at <c>start + i / rate</c> whatever happened to earlier ones, and its
/// latency is measured from that due time, so a stalled server is charged for the requests it delayed (no coordinated
/// omission). A dedicated pacer thread wakes about every millisecond and sends everything due; requests beyond the
/// connection cap wait in the client's queue, on the clock.
/// </summary>
internal static class OpenLoopPhase
{
    public static async Task<RateResult> RunAsync(
        IIngestClient client, OutcomeCounters totals, CpuMeter cpu, double rate, TimeSpan duration)
    {
        var count = (int)Math.Round(rate * duration.TotalSeconds);
        var latency = new long[count];
        var service = new long[count];
        Array.Fill(latency, -1);
        Array.Fill(service, -1);
        var window = new OutcomeCounters();
        var sends = new Task[count];
        var ticksPerRequest = Stopwatch.Frequency / rate;
        long maxLag = 0;
        long lastCompletion = 0;

        async Task SendAsync(int i, long due)
        {
            var sent = Stopwatch.GetTimestamp();
            var status = await client.SendAsync().ConfigureAwait(false);
            var done = Stopwatch.GetTimestamp();
            latency[i] = done - due;
            service[i] = done - sent;
            totals.Record(status);
            window.Record(status);
            InterlockedMax(ref lastCompletion, done);
        }

        cpu.Start();
        var start = Stopwatch.GetTimestamp();
        var pacer = new Thread(() =>
        {
            var next = 0;
            while (next < count)
            {
                var now = Stopwatch.GetTimestamp();
                var due = Math.Min(count, (int)((now - start) / ticksPerRequest) + 1);
                if (next < due) maxLag = Math.Max(maxLag, now - (start + (long)(next * ticksPerRequest)));
                for (; next < due; next++) sends[next] = SendAsync(next, start + (long)(next * ticksPerRequest));
                Thread.Sleep(1);
            }
        })
        { IsBackground = true, Name = "open-loop pacer" };
        pacer.Start();
        await Task.Run(pacer.Join);
        await Task.WhenAll(sends);
        var usage = cpu.Stop();

        var seconds = (Interlocked.Read(ref lastCompletion) - start) / (double)Stopwatch.Frequency;
        return new RateResult(
            Math.Round(rate, 1),
            count,
            window.Ok,
            Math.Round((window.Ok + window.Failed) / seconds, 1),
            window.Failed,
            window.Errors(),
            Math.Round(maxLag * 1000.0 / Stopwatch.Frequency, 3),
            usage,
            LatencySummary.FromTicks(latency),
            LatencySummary.FromTicks(service));
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current) return;
            current = seen;
        }
    }
}
