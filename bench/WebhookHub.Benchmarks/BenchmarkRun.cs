using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebhookHub.Benchmarks;

/// <summary>One full run: bare Kestrel, then WebhookHub, each measured the same way; then the ratio, the table and the JSON.</summary>
internal static class BenchmarkRun
{
    private const string Secret = "bench-github-secret";
    private const double BackgroundWarningCores = 0.2;
    private static readonly byte[] HubSuccessMarker = "\"duplicate\":false"u8.ToArray();

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        if (RepoPaths.Configuration != "Release")
        {
            Console.Error.WriteLine($"warning: this is a {RepoPaths.Configuration} build; numbers are only meaningful with -c Release.");
        }

        var hubAssembly = options.HubAssembly ?? RepoPaths.HubAssembly;
        if (!File.Exists(hubAssembly))
        {
            Console.Error.WriteLine($"WebhookHub not built at {hubAssembly}; run `dotnet build -c Release` or pass --hub-dll.");
            return 2;
        }

        var wrkPath = options.Wrk == WrkMode.Never ? null : WrkRunner.Find();
        if (options.Wrk == WrkMode.Always && wrkPath is null)
        {
            Console.Error.WriteLine("--wrk always: wrk is not on the PATH (apt-get install -y wrk).");
            return 2;
        }

        var dataDirectory = Path.Combine(options.DataDirectory ?? Path.GetTempPath(), $"webhookhub-bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}");
        Directory.CreateDirectory(dataDirectory);
        try
        {
            return await RunInAsync(options, hubAssembly, wrkPath, dataDirectory);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task<int> RunInAsync(BenchmarkOptions options, string hubAssembly, string? wrkPath, string dataDirectory)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var machine = await MachineProbe.DescribeAsync(dataDirectory);
        var bodyFile = Path.Combine(dataDirectory, "issues-opened.json");
        await File.WriteAllBytesAsync(bodyFile, GitHubPayload.Body);
        WrkRunner? NewWrk() => wrkPath is null ? null : new WrkRunner(wrkPath, bodyFile);
        var signature = GitHubPayload.Sign(Secret);
        Console.WriteLine($"{machine.ProcessorCount} cores, {machine.Runtime}; payload {GitHubPayload.Body.Length} bytes; " +
            $"SQLite on {machine.DataFileSystem ?? dataDirectory}; wrk: {wrkPath ?? "not used"}; hub workers: {(options.RunWorkers ? "on" : "off")}; " +
            $"background load before start: {machine.BackgroundCores?.ToString("0.00", CultureInfo.InvariantCulture) ?? "n/a"} cores");
        if (machine.BackgroundCores > BackgroundWarningCores)
        {
            Console.Error.WriteLine("warning: other processes are using CPU; both servers share the machine with them, so the numbers are noisy.");
        }

        ServerResult bare;
        await using (var server = await ServerLaunch.StartBareAsync())
        {
            var target = new IngestTarget(server.Name, server.BaseAddress, signature, SuccessMarker: null);
            bare = await ServerMeasurement.RunAsync(server, target, options, NewWrk(), new OutcomeCounters());
        }

        var databasePath = Path.Combine(dataDirectory, "hub.db");
        var adminKey = $"bench-admin-{Guid.NewGuid():N}";
        var hubTotals = new OutcomeCounters();
        var hubWrk = NewWrk();
        ServerResult hub;
        await using (var server = await ServerLaunch.StartHubAsync(hubAssembly, databasePath, adminKey, options))
        {
            var ingestUrl = await HubSetup.CreateGitHubSourceAsync(server.BaseAddress, adminKey, Secret);
            var target = new IngestTarget(server.Name, ingestUrl, signature, HubSuccessMarker);
            hub = await ServerMeasurement.RunAsync(server, target, options, hubWrk, hubTotals);
        }

        // Stopped gracefully above, so the WAL is checkpointed; every 200 must be a row.
        var wrkRuns = hubWrk is null ? 0 : options.Warmup > TimeSpan.Zero ? 2 : 1;
        var check = StoredEvents.Check(databasePath, hubTotals.Ok, hubWrk?.OkTotal ?? 0, wrkRuns * options.Connections);
        var results = new BenchmarkResults(startedAt, machine, Settings(options), bare, hub, check, Summarise(bare, hub, options.RateFraction));

        Console.WriteLine(ReportPrinter.Format(results));
        var outFile = Path.GetFullPath(options.OutFile ?? RepoPaths.DefaultOutFile);
        Directory.CreateDirectory(Path.GetDirectoryName(outFile)!);
        await File.WriteAllTextAsync(outFile, JsonSerializer.Serialize(results, JsonOptions));
        Console.WriteLine($"results: {outFile}");
        return check.Consistent ? 0 : 1;
    }

    private static RunSettings Settings(BenchmarkOptions options) => new(
        options.Client.ToString(), options.Connections, options.Duration.TotalSeconds, options.Warmup.TotalSeconds, options.RateFraction, options.RunWorkers,
        GitHubPayload.Body.Length, options.HubArguments, RepoPaths.Configuration);

    private static Summary Summarise(ServerResult bare, ServerResult hub, double rateFraction)
    {
        var ratio = bare.Peak.OkPerSecond > 0 ? Math.Round(hub.Peak.OkPerSecond / bare.Peak.OkPerSecond, 3) : 0;
        double? wrkRatio = bare.Wrk is { OkPerSecond: > 0 } bareWrk && hub.Wrk is { } hubWrk
            ? Math.Round(hubWrk.OkPerSecond / bareWrk.OkPerSecond, 3)
            : null;
        var hubErrors = hub.Peak.Errors + hub.Rate.Errors + (hub.Wrk?.Errors ?? 0);
        bool? met = rateFraction != 0.5 ? null : ratio >= BenchmarkDefaults.GoalRatio && hub.Rate.Latency.P99Ms <= BenchmarkDefaults.GoalP99Milliseconds && hubErrors == 0;
        return new Summary(ratio, hub.Peak.OkPerSecond, bare.Peak.OkPerSecond, hub.Rate.Latency.P99Ms, bare.Rate.Latency.P99Ms, wrkRatio, met);
    }
}
