using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace WebhookHub.Benchmarks;

/// <summary>Runs <c>wrk</c> with <c>bench/wrk/ingest.lua</c>: a C load generator, cheaper per request than HttpClient.</summary>
internal sealed class WrkRunner(string executable, string bodyFile)
{
    private const string ResultPrefix = "WRK_RESULT ";

    /// <summary>Responses with status &lt; 400 over every run so far, warm-ups included (for the stored-events check).</summary>
    public long OkTotal { get; private set; }

    /// <summary>The <c>wrk</c> on the PATH, or <see langword="null"/>.</summary>
    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "wrk"))
            .FirstOrDefault(File.Exists);

    /// <summary>A warm-up run (discarded), then the measured run.</summary>
    /// <exception cref="InvalidOperationException">wrk failed or printed no result line.</exception>
    public async Task<WrkResult> RunAsync(IngestTarget target, CpuMeter cpu, int connections, TimeSpan warmup, TimeSpan duration)
    {
        var threads = Math.Min(connections, Environment.ProcessorCount);
        if (warmup > TimeSpan.Zero) await RunOnceAsync(target, threads, connections, warmup);
        cpu.Start();
        var json = await RunOnceAsync(target, threads, connections, duration);
        var usage = cpu.Stop();

        var root = json.RootElement;
        long Get(string name) => root.GetProperty(name).GetInt64();
        var seconds = Get("durationUs") / 1e6;
        var errors = Get("connectErrors") + Get("readErrors") + Get("writeErrors") + Get("statusErrors") + Get("timeouts");
        var requests = Get("requests");
        static double Ms(long micros) => Math.Round(micros / 1000.0, 3);
        var latency = new LatencySummary(requests, Math.Round(root.GetProperty("meanUs").GetDouble() / 1000, 3),
            Ms(Get("p50Us")), Ms(Get("p90Us")), Ms(Get("p99Us")), Ms(Get("p999Us")), Ms(Get("maxUs")));
        return new WrkResult(threads, connections, Math.Round(seconds, 3), requests, errors,
            Math.Round((requests - Get("statusErrors")) / seconds, 1), latency, usage);
    }

    private async Task<JsonDocument> RunOnceAsync(IngestTarget target, int threads, int connections, TimeSpan duration)
    {
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] arguments =
        [
            "-t", threads.ToString(CultureInfo.InvariantCulture),
            "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", $"{Math.Max(1, (int)Math.Round(duration.TotalSeconds))}s",
            "--timeout", $"{(int)BenchmarkDefaults.RequestTimeout.TotalSeconds}s",
            "-s", RepoPaths.WrkScript,
            target.Url.ToString(),
            "--", bodyFile, target.Signature, Guid.NewGuid().ToString("N"),
        ];
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout;
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(ResultPrefix, StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"wrk exited with {process.ExitCode}:{Environment.NewLine}{output}{await stderr}");
        }

        var json = JsonDocument.Parse(line[ResultPrefix.Length..]);
        OkTotal += json.RootElement.GetProperty("requests").GetInt64() - json.RootElement.GetProperty("statusErrors").GetInt64();
        return json;
    }
}
