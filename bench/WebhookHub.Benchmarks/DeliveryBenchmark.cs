using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace WebhookHub.Benchmarks;

/// <summary>
/// <c>--delivery</c>: deliveries per second through WebhookHub's delivery engine against a plain <see cref="HttpClient"/> POST
/// loop, to the same loopback receiver, at the same concurrency, in one run. The hub drains a backlog of <c>N</c> deliveries
/// made through its real ingest endpoint while its workers were off, then restarted with workers on; both rates are measured
/// at the receiver, from its first request to its last.
/// </summary>
internal static class DeliveryBenchmark
{
    private const string Secret = "bench-github-secret";
    private const int IngestConcurrency = 32;
    private const int PlainWarmupRequests = 2000;

    /// <summary>Both rates leave out the first fifth of the requests: connection set-up, JIT tiering, the first fan-out batches.</summary>
    private const double SteadyStateFrom = 0.2;
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(5);

    private static string DotNet =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

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

        var dataDirectory = Path.Combine(options.DataDirectory ?? Path.GetTempPath(), $"webhookhub-delivery-bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}");
        Directory.CreateDirectory(dataDirectory);
        try
        {
            return await RunInAsync(options, hubAssembly, dataDirectory);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task<int> RunInAsync(BenchmarkOptions options, string hubAssembly, string dataDirectory)
    {
        var machine = await MachineProbe.DescribeAsync(dataDirectory);
        var n = options.Deliveries;
        var concurrency = options.DeliveryConcurrency;
        Console.WriteLine($"{machine.ProcessorCount} cores, {machine.Runtime}; {n:N0} deliveries of {GitHubPayload.Body.Length} bytes at concurrency {concurrency}; " +
            $"SQLite on {machine.DataFileSystem ?? dataDirectory}; background load before start: " +
            $"{machine.BackgroundCores?.ToString("0.00", CultureInfo.InvariantCulture) ?? "n/a"} cores");

        var receiverPort = ServerProcess.FreePort();
        await using var receiver = await ServerProcess.StartAsync("receiver", DotNet,
            [typeof(DeliveryReceiver).Assembly.Location, DeliveryReceiver.Flag, "--port", receiverPort.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" }, receiverPort);
        using var control = new HttpClient { BaseAddress = receiver.BaseAddress };

        // 1. The plain loop: C tasks POST the same bytes with the same headers WebhookHub sends, as fast as answers come.
        var plainCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var plainElapsed = await PlainLoopAsync(new Uri(receiver.BaseAddress, "plain"), PlainWarmupRequests, concurrency);
        var mark = (long)(n * SteadyStateFrom);
        await control.PostAsync($"reset?mark={mark}", null);
        plainCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var receiverCpu = receiver.CpuTime;
        plainElapsed = await PlainLoopAsync(new Uri(receiver.BaseAddress, "plain"), n, concurrency);
        plainCpu = Process.GetCurrentProcess().TotalProcessorTime - plainCpu;
        var plainReceiverCpu = receiver.CpuTime - receiverCpu;
        var (plainCount, plainSeconds, plainSteady) = await StatsAsync(control);

        // 2. The backlog: N events through the real ingest endpoint with the workers off, so nothing is dispatched yet.
        var databasePath = Path.Combine(dataDirectory, "hub.db");
        var adminKey = $"bench-admin-{Guid.NewGuid():N}";
        string[] common =
        [
            $"--WebhookHub:AdminApiKey={adminKey}", $"--WebhookHub:Sqlite:Path={databasePath}", "--Logging:LogLevel:Default=Warning",
            "--WebhookHub:Delivery:AllowedNetworks:0=127.0.0.0/8", $"--WebhookHub:Delivery:MaxConcurrency={concurrency}",
            // One receiver, like the plain loop: it may take all N in flight (the per-subscription cap is 10 by default).
            $"--WebhookHub:Delivery:MaxConcurrencyPerSubscription={concurrency}",
            .. options.HubArguments,
        ];
        var ingestWatch = Stopwatch.StartNew();
        await using (var hub = await StartHubAsync(hubAssembly, [.. common, "--WebhookHub:RunWorkers=false"]))
        {
            var ingestUrl = await SetUpAsync(hub.BaseAddress, adminKey, new Uri(receiver.BaseAddress, "hook"));
            await IngestAsync(ingestUrl, n);
        }

        var ingestSeconds = ingestWatch.Elapsed.TotalSeconds;

        // 3. The engine: restart with workers on; fan-out and delivery drain the backlog.
        await control.PostAsync($"reset?mark={mark}", null);
        receiverCpu = receiver.CpuTime;
        TimeSpan hubCpu;
        var drainWatch = Stopwatch.StartNew();
        await using (var hub = await StartHubAsync(hubAssembly, [.. common, "--WebhookHub:RunWorkers=true"], TraceEnvironment(options.TraceFile)))
        {
            var startCpu = hub.CpuTime;
            while ((await StatsAsync(control)).Count < n)
            {
                if (drainWatch.Elapsed > DrainTimeout) throw new TimeoutException($"WebhookHub delivered fewer than {n} in {DrainTimeout}.");
                await Task.Delay(50);
            }

            hubCpu = hub.CpuTime - startCpu;

            // The last attempts may still be on their way to disk; stop only once every outcome is recorded.
            while (CountOutcomes(databasePath).Succeeded < n && drainWatch.Elapsed < DrainTimeout) await Task.Delay(50);
        }

        var hubReceiverCpu = receiver.CpuTime - receiverCpu;
        var (hubCount, hubSeconds, hubSteady) = await StatsAsync(control);
        var (succeeded, attempts) = CountOutcomes(databasePath);

        var plainRate = (plainCount - mark) / plainSteady;
        var hubRate = (hubCount - mark) / hubSteady;
        var ratio = hubRate / plainRate;
        Console.WriteLine();
        Console.WriteLine($"backlog: {n:N0} events ingested in {ingestSeconds:0.0} s (workers off)");
        Console.WriteLine($"rates over requests {mark + 1:N0}–{n:N0} at the receiver (the first fifth is warm-up)");
        Console.WriteLine($"plain HttpClient loop : {plainCount,8:N0} POSTs in {plainSeconds,6:0.00} s, {plainRate,8:N0}/s steady; client CPU {Micro(plainCpu, plainCount)} µs, receiver CPU {Micro(plainReceiverCpu, plainCount)} µs per request (client wall {plainElapsed.TotalSeconds:0.00} s)");
        Console.WriteLine($"WebhookHub delivery   : {hubCount,8:N0} POSTs in {hubSeconds,6:0.00} s, {hubRate,8:N0}/s steady; hub CPU {Micro(hubCpu, hubCount)} µs, receiver CPU {Micro(hubReceiverCpu, hubCount)} µs per delivery");
        Console.WriteLine($"stored: {succeeded:N0} deliveries succeeded, {attempts:N0} attempts recorded");
        var consistent = succeeded == n && attempts == n && hubCount == n;
        Console.WriteLine($"delivery/plain throughput ratio: {ratio:0.00}  (WebhookHub {hubRate:N0}/s vs HttpClient {plainRate:N0}/s at concurrency {concurrency}); goal 0.5: {(ratio >= 0.5 ? "met" : "not met")}");
        if (!consistent) Console.Error.WriteLine("error: the stored outcomes do not match the deliveries received.");
        return consistent ? 0 : 1;
    }

    private static string Micro(TimeSpan cpu, long count) => (cpu.TotalMicroseconds / Math.Max(1, count)).ToString("0", CultureInfo.InvariantCulture);

    private static async Task<TimeSpan> PlainLoopAsync(Uri url, int total, int concurrency)
    {
        using var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < total)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ReadOnlyMemoryContent(GitHubPayload.Body) };
                request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
                request.Headers.TryAddWithoutValidation("webhook-id", "evt_plain");
                request.Headers.TryAddWithoutValidation("webhook-timestamp", "1700000000");
                request.Headers.TryAddWithoutValidation("webhook-signature", "v1,plainplainplainplainplainplainplainplainpla=");
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                await response.Content.CopyToAsync(Stream.Null);
                if (response.StatusCode != HttpStatusCode.OK) throw new HttpRequestException($"receiver answered {(int)response.StatusCode}");
            }
        })));
        return watch.Elapsed;
    }

    private static async Task<(long Count, double Seconds, double SecondsSinceMark)> StatsAsync(HttpClient control)
    {
        var parts = (await control.GetStringAsync("stats")).Split(' ');
        return (long.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture),
            double.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    private static Task<ServerProcess> StartHubAsync(string hubAssembly, string[] arguments, Dictionary<string, string>? environment = null)
    {
        var port = ServerProcess.FreePort();
        return ServerProcess.StartAsync(ServerLaunch.HubName, DotNet, [hubAssembly, $"--urls=http://127.0.0.1:{port}", .. arguments],
            environment ?? [], port);
    }

    /// <summary>
    /// <c>--trace FILE</c>: the draining hub writes a CPU-sampling EventPipe trace (.nettrace) to FILE when it stops; read it
    /// with <c>dotnet-trace report FILE topN</c>.
    /// </summary>
    private static Dictionary<string, string> TraceEnvironment(string? traceFile) => traceFile is null
        ? []
        : new Dictionary<string, string>
        {
            ["DOTNET_EnableEventPipe"] = "1",
            ["DOTNET_EventPipeOutputPath"] = Path.GetFullPath(traceFile),
            ["DOTNET_EventPipeConfig"] = "Microsoft-DotNETCore-SampleProfiler:0:5,Microsoft-Windows-DotNETRuntime:0x4c14fccbd:5",
        };

    /// <summary>Creates a tenant, a GitHub source and one subscription to <paramref name="receiver"/>; returns the ingest URL.</summary>
    private static async Task<Uri> SetUpAsync(Uri hub, string adminKey, Uri receiver)
    {
        using var http = new HttpClient { BaseAddress = hub };
        var tenantKey = (await PostAsync(http, "api/tenants", adminKey, new { name = "bench" })).GetProperty("apiKey").GetString()!;
        var source = await PostAsync(http, "api/sources", tenantKey, new { name = "bench-github", provider = "github", secrets = new[] { Secret } });
        await PostAsync(http, "api/subscriptions", tenantKey, new { url = receiver.AbsoluteUri });
        return new Uri(source.GetProperty("ingestUrl").GetString()!);
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string path, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created) throw new HttpRequestException($"POST /{path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task IngestAsync(Uri ingestUrl, int total)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = IngestConcurrency, UseProxy = false });
        var signature = GitHubPayload.Sign(Secret);
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, IngestConcurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < total)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, ingestUrl) { Content = new ReadOnlyMemoryContent(GitHubPayload.Body) };
                request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
                request.Headers.TryAddWithoutValidation("X-GitHub-Event", GitHubPayload.EventName);
                request.Headers.TryAddWithoutValidation("X-GitHub-Delivery", Guid.NewGuid().ToString());
                request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", signature);
                using var response = await client.SendAsync(request);
                if (response.StatusCode != HttpStatusCode.OK) throw new HttpRequestException($"ingest answered {(int)response.StatusCode}");
            }
        })));
    }

    /// <summary>Succeeded deliveries and recorded attempts, straight from the hub's SQLite file (a reader beside the hub's writer, WAL).</summary>
    private static (long Succeeded, long Attempts) CountOutcomes(string databasePath)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        using var connection = new SqliteConnection(connectionString.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM deliveries WHERE status = 1), (SELECT count(*) FROM attempts)";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
