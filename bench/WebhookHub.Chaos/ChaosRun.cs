using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WebhookHub.Benchmarks;

namespace WebhookHub.Chaos;

/// <summary>
/// One chaos run: WebhookHub (the real host, as a child process, on a fresh SQLite file) delivers thousands of signed webhooks
/// from several tenants to endpoints that fail at random; then every accepted event's deliveries are checked against what the
/// endpoints saw. Exit code 0 when every check holds, 1 otherwise.
/// </summary>
internal static class ChaosRun
{
    private static readonly string[] EventTypes = ["invoice.paid", "invoice.created", "customer.created", "customer.deleted", "charge.refunded"];

    /// <summary>Per tenant: path suffix, event-type filters, profile. Every tenant gets the same four.</summary>
    private static readonly (string Name, string[] Filters, EndpointProfile Profile)[] Endpoints =
    [
        ("all", ["*"], EndpointProfile.Flaky),
        ("invoices", ["invoice.*"], EndpointProfile.Flaky),
        ("customers", ["customer.created", "customer.deleted"], EndpointProfile.Hostile),
        ("down", ["charge.*"], EndpointProfile.Down),
    ];

    /// <summary>Short retries and timeouts so the run ends in about a minute; given before the user's own --WebhookHub: options.</summary>
    private static readonly string[] HubDefaults =
    [
        "--WebhookHub:Delivery:RetryDelays:0=00:00:00",
        "--WebhookHub:Delivery:RetryDelays:1=00:00:00.200",
        "--WebhookHub:Delivery:RetryDelays:2=00:00:00.500",
        "--WebhookHub:Delivery:RetryDelays:3=00:00:01",
        "--WebhookHub:Delivery:RetryDelays:4=00:00:02",
        "--WebhookHub:Delivery:Timeout=00:00:01",
        "--WebhookHub:Delivery:Lease=00:00:10",
        "--WebhookHub:Delivery:MaxRetryAfter=00:00:02",
        "--WebhookHub:Delivery:PollInterval=00:00:00.100",
        "--WebhookHub:Delivery:AllowedNetworks:0=127.0.0.0/8",
        // Endpoint health on the same short scale: a circuit opens only on an endpoint that nearly always fails (the down ones),
        // for half a second at a time, and an endpoint failing for a minute (longer than sending takes, so that every event
        // still reaches every matching subscription) without a success is disabled, so its remaining
        // deliveries are dead-lettered with "endpoint disabled (…)" instead of waiting behind the circuit for many breaks.
        "--WebhookHub:Delivery:CircuitBreaker:FailureRatio=0.9",
        "--WebhookHub:Delivery:CircuitBreaker:MinimumThroughput=20",
        "--WebhookHub:Delivery:CircuitBreaker:SamplingDuration=00:00:05",
        "--WebhookHub:Delivery:CircuitBreaker:BreakDuration=00:00:00.500",
        "--WebhookHub:Delivery:AutoDisableAfter=00:01:00",
    ];

    public static async Task<int> RunAsync(ChaosOptions options)
    {
        var hubAssembly = options.HubAssembly ?? HubAssemblyPath();
        if (!File.Exists(hubAssembly))
        {
            Console.Error.WriteLine($"WebhookHub not built at {hubAssembly}; build it or pass --hub-dll.");
            return 2;
        }

        var directory = Path.Combine(Path.GetTempPath(), $"webhookhub-chaos-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}");
        Directory.CreateDirectory(directory);
        try
        {
            await using var receiver = await ChaosReceiver.StartAsync(options.Seed);
            var adminKey = $"chaos-admin-{Guid.NewGuid():N}";
            var port = ServerProcess.FreePort();
            string[] arguments =
            [
                hubAssembly, $"--urls=http://127.0.0.1:{port}", $"--WebhookHub:AdminApiKey={adminKey}",
                $"--WebhookHub:Sqlite:Path={Path.Combine(directory, "hub.db")}", "--Logging:LogLevel:Default=Warning",
                .. HubDefaults, .. options.HubArguments,
            ];
            var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
            await using var hub = await ServerProcess.StartAsync("WebhookHub", dotnet, arguments, new Dictionary<string, string>(), port);
            using var api = new HubApi(hub.BaseAddress);
            return await RunAsync(options, api, adminKey, receiver);
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<int> RunAsync(ChaosOptions options, HubApi api, string adminKey, ChaosReceiver receiver)
    {
        var watch = Stopwatch.StartNew();
        var random = new Random(options.Seed);
        var tenants = await CreateTenantsAsync(options, api, adminKey, receiver);
        Console.WriteLine($"WebhookHub at {api.Http.BaseAddress}; {tenants.Count} tenants × {Endpoints.Length} subscriptions at {receiver.BaseUrl}; seed {options.Seed}");

        // Send: each webhook to a random tenant's source, signed as a Standard Webhooks sender signs; 2 % sent a second time.
        var plan = Enumerable.Range(0, options.Events).Select(i => (Tenant: tenants[random.Next(tenants.Count)], Type: EventTypes[random.Next(EventTypes.Length)], Resend: random.NextDouble() < 0.02)).ToList();
        var sent = await SendAsync(options, api, plan);
        Console.WriteLine($"sent {plan.Count:N0} webhooks (+{sent.Resent} resent) in {watch.Elapsed.TotalSeconds:0.0} s: {sent.Accepted.Count:N0} accepted, {sent.Duplicates} duplicates recognised, {sent.Rejected} rejected");

        // Expected: one delivery per accepted event and matching subscription of its own tenant.
        var expected = new HashSet<(string EventId, string SubscriptionId)>();
        foreach (var (eventId, (tenant, type)) in sent.Accepted)
        {
            foreach (var s in tenant.Subscriptions.Where(s => s.Filters.Any(f => Matches(f, type)))) expected.Add((eventId, s.Id));
        }

        var deliveries = await WaitUntilTerminalAsync(options, api, tenants, expected.Count, watch);
        var verdict = Check(sent, expected, deliveries, tenants, receiver);
        await CrossCheckDeadLettersAsync(api, tenants, deliveries, verdict);
        verdict.Print(watch.Elapsed);
        return verdict.Passed ? 0 : 1;
    }

    private static async Task<List<TenantSetup>> CreateTenantsAsync(ChaosOptions options, HubApi api, string adminKey, ChaosReceiver receiver)
    {
        var tenants = new List<TenantSetup>();
        for (var t = 0; t < options.Tenants; t++)
        {
            var key = (await api.PostAsync("/api/tenants", adminKey, new { name = $"chaos-{t}" })).GetProperty("apiKey").GetString()!;
            var secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            var source = (await api.PostAsync("/api/sources", key, new { name = "chaos", provider = "standardwebhooks", secrets = new[] { secret } })).GetProperty("id").GetString()!;
            var tenant = new TenantSetup($"t{t}", key, source, secret, []);
            foreach (var (name, filters, profile) in Endpoints)
            {
                var path = $"/t{t}/{name}";
                receiver.Add(path, tenant.Name, profile);
                var created = await api.PostAsync("/api/subscriptions", key, new { url = receiver.BaseUrl + path, eventTypes = filters });
                receiver.SetSecret(path, created.GetProperty("secret").GetString()!);
                tenant.Subscriptions.Add(new SubscriptionSetup(created.GetProperty("id").GetString()!, path, filters, profile));
            }

            tenants.Add(tenant);
        }

        return tenants;
    }

    private static async Task<SendResult> SendAsync(ChaosOptions options, HubApi api, List<(TenantSetup Tenant, string Type, bool Resend)> plan)
    {
        var result = new SendResult();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < plan.Count)
            {
                var (tenant, type, resend) = plan[i];
                var messageId = $"msg_chaos_{i}";
                var body = Encoding.UTF8.GetBytes($$$"""{"type":"{{{type}}}","data":{"seq":{{{i}}},"tenant":"{{{tenant.Name}}}"}}""");
                for (var copy = 0; copy < (resend ? 2 : 1); copy++)
                {
                    var (status, eventId, duplicate) = await IngestAsync(api, tenant, messageId, body);
                    lock (result)
                    {
                        if (copy > 0) result.Resent++;
                        if (status != HttpStatusCode.OK) result.Rejected++;
                        else if (duplicate) result.Duplicates++;
                        else result.Accepted[eventId!] = (tenant, type);
                        if (eventId is not null) result.TenantOfEvent[eventId] = tenant.Name;
                    }
                }
            }
        })));
        return result;
    }

    private static async Task<(HttpStatusCode Status, string? EventId, bool Duplicate)> IngestAsync(HubApi api, TenantSetup tenant, string messageId, byte[] body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var key = Convert.FromBase64String(tenant.SourceSecret["whsec_".Length..]);
        var signature = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, (byte[])[.. Encoding.UTF8.GetBytes($"{messageId}.{timestamp}."), .. body]));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/{tenant.SourceId}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("webhook-id", messageId);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp);
        request.Headers.TryAddWithoutValidation("webhook-signature", signature);
        using var response = await api.Http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK) return (response.StatusCode, null, false);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (response.StatusCode, json.GetProperty("eventId").GetString(), json.GetProperty("duplicate").GetBoolean());
    }

    /// <summary>Polls until every expected delivery exists and none is pending or failed; returns every delivery of every tenant.</summary>
    private static async Task<List<DeliverySeen>> WaitUntilTerminalAsync(ChaosOptions options, HubApi api, List<TenantSetup> tenants, int expected, Stopwatch watch)
    {
        var lastReport = TimeSpan.Zero;
        while (true)
        {
            var all = new List<DeliverySeen>();
            foreach (var tenant in tenants)
            {
                foreach (var item in await api.ListAllAsync("/api/deliveries", tenant.Key, "id"))
                {
                    all.Add(new DeliverySeen(tenant, item.GetProperty("id").GetString()!, item.GetProperty("eventId").GetString()!,
                        item.GetProperty("subscriptionId").GetString()!, item.GetProperty("status").GetString()!, item.GetProperty("attemptCount").GetInt32(),
                        item.TryGetProperty("lastError", out var error) ? error.GetString() : null));
                }
            }

            var open = all.Count(d => d.Status is "pending" or "failed");
            if (all.Count >= expected && open == 0) return all;
            if (watch.Elapsed - lastReport > TimeSpan.FromSeconds(10))
            {
                lastReport = watch.Elapsed;
                Console.WriteLine($"  {watch.Elapsed.TotalSeconds,5:0} s: {all.Count:N0} of {expected:N0} deliveries exist, {open:N0} still pending or failed");
            }

            if (watch.Elapsed > options.Timeout)
            {
                Console.Error.WriteLine($"Timed out after {options.Timeout.TotalSeconds} s with {open} deliveries not yet terminal.");
                return all;
            }

            await Task.Delay(500);
        }
    }

    private static Verdict Check(SendResult sent, HashSet<(string EventId, string SubscriptionId)> expected, List<DeliverySeen> deliveries, List<TenantSetup> tenants, ChaosReceiver receiver)
    {
        var verdict = new Verdict { Events = sent.Accepted.Count, Duplicates = sent.Duplicates, Rejected = sent.Rejected, Expected = expected.Count, Deliveries = deliveries.Count };
        var pathOf = tenants.SelectMany(t => t.Subscriptions).ToDictionary(s => s.Id, s => s.Path);
        var requests = receiver.Requests.ToList();
        var acknowledged = requests.Where(r => r.Status is >= 200 and < 300).GroupBy(r => (r.Path, r.WebhookId)).ToDictionary(g => g.Key, g => g.Count());
        verdict.Requests = requests.Count;
        verdict.Behaviours = requests.GroupBy(r => r.Behaviour).ToDictionary(g => g.Key.ToString(), g => g.Count());
        verdict.DuplicatesReceived = acknowledged.Values.Sum(n => n - 1);

        var seen = new HashSet<(string, string)>();
        foreach (var d in deliveries)
        {
            verdict.Attempts += d.AttemptCount;
            if (!seen.Add((d.EventId, d.SubscriptionId))) verdict.Fail($"two deliveries of {d.EventId} to {d.SubscriptionId}");
            if (!expected.Contains((d.EventId, d.SubscriptionId))) verdict.Fail($"unexpected delivery {d.Id}: {d.EventId} to {d.SubscriptionId}");
            switch (d.Status)
            {
                case "succeeded":
                    verdict.Succeeded++;
                    if (!acknowledged.ContainsKey((pathOf[d.SubscriptionId], d.EventId))) verdict.Fail($"delivery {d.Id} succeeded but its receiver never acknowledged it");
                    break;
                case "dead":
                    var reason = Reason(d.LastError);
                    verdict.DeadByReason[reason] = verdict.DeadByReason.GetValueOrDefault(reason) + 1;
                    if (string.IsNullOrWhiteSpace(d.LastError)) verdict.Fail($"delivery {d.Id} dead-lettered without a reason");
                    break;
                default:
                    verdict.Fail($"delivery {d.Id} is still {d.Status}");
                    break;
            }
        }

        foreach (var missing in expected.Where(e => !seen.Contains(e))) verdict.Fail($"lost: no delivery of {missing.EventId} to {missing.SubscriptionId}");
        foreach (var r in requests)
        {
            var endpoint = receiver.Find(r.Path);
            if (!r.SignatureValid) verdict.Fail($"invalid signature at {r.Path} for {r.WebhookId}");
            if (endpoint is null || !sent.TenantOfEvent.TryGetValue(r.WebhookId, out var owner) || owner != endpoint.Tenant)
            {
                verdict.CrossTenant++;
                verdict.Fail($"{r.WebhookId} arrived at {r.Path}, which is not its tenant's endpoint");
            }
        }

        return verdict;
    }

    /// <summary>The dead-letter API must list exactly the dead deliveries of each subscription.</summary>
    private static async Task CrossCheckDeadLettersAsync(HubApi api, List<TenantSetup> tenants, List<DeliverySeen> deliveries, Verdict verdict)
    {
        foreach (var tenant in tenants)
        {
            foreach (var s in tenant.Subscriptions)
            {
                var listed = (await api.ListAllAsync($"/api/subscriptions/{s.Id}/dead-letters", tenant.Key, "deliveryId")).Select(d => d.GetProperty("deliveryId").GetString()).ToHashSet();
                var dead = deliveries.Where(d => d.SubscriptionId == s.Id && d.Status == "dead").Select(d => d.Id).ToHashSet();
                if (!listed.SetEquals(dead)) verdict.Fail($"dead letters of {s.Path}: the API lists {listed.Count}, the deliveries say {dead.Count}");
            }
        }
    }

    /// <summary>The dead letter's reason as WebhookHub stored it: "HTTP 503", "timed out after 1 s", "connection reset", ….</summary>
    private static string Reason(string? error) => error ?? "(none)";

    private static bool Matches(string filter, string type) =>
        filter == "*" || filter == type || (filter.EndsWith(".*", StringComparison.Ordinal) && type.StartsWith(filter[..^1], StringComparison.Ordinal));

    private static string HubAssemblyPath()
    {
        var configuration = typeof(ChaosRun).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WebhookHub.sln")))
            {
                return Path.Combine(directory.FullName, "functions", "WebhookHub.Functions", "bin", configuration, "net10.0", "WebhookHub.Functions.dll");
            }
        }

        throw new InvalidOperationException($"No WebhookHub.sln above {AppContext.BaseDirectory}; pass --hub-dll.");
    }
}

internal sealed record TenantSetup(string Name, string Key, string SourceId, string SourceSecret, List<SubscriptionSetup> Subscriptions);

internal sealed record SubscriptionSetup(string Id, string Path, string[] Filters, EndpointProfile Profile);

internal sealed record DeliverySeen(TenantSetup Tenant, string Id, string EventId, string SubscriptionId, string Status, int AttemptCount, string? LastError);

internal sealed class SendResult
{
    public Dictionary<string, (TenantSetup Tenant, string Type)> Accepted { get; } = [];

    public Dictionary<string, string> TenantOfEvent { get; } = [];

    public int Duplicates { get; set; }

    public int Rejected { get; set; }

    public int Resent { get; set; }
}
