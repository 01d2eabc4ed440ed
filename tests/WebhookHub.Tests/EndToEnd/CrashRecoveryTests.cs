using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using WebhookHub.Ingestion;
using WebhookHub.Tests.Support;
using Xunit.Abstractions;

namespace WebhookHub.Tests.EndToEnd;

/// <summary>
/// The durability promise end to end: WebhookHub is SIGKILLed while it is accepting webhooks and delivering them, then started
/// again on the same database. Every webhook that was answered 200 must still be stored and must reach the subscriber with a
/// valid signature. At-least-once: duplicates are allowed and reported. Webhooks whose answer was lost in the kill may or may not
/// exist; if they do, they are delivered like any other.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string AdminKey = "crash-test-admin-key";
    private const string GitHubSecret = "crash-test-github-secret";
    private const int Senders = 8;
    private const int AcceptedBeforeKill = 200;
    private const int DeliveredBeforeKill = 20;
    private const int BacklogAtKill = 20;

    /// <summary>Short lease so work claimed by the killed process is claimable again soon (the validator wants Lease &gt; Timeout + 5 s).</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan KillTriggerTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan BacklogWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ReceiverDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(45);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "webhookhub-crash", Guid.NewGuid().ToString("n"));
    private readonly List<HubProcess> _hubs = [];
    private SignatureCheckingReceiver? _receiver;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _receiver = await SignatureCheckingReceiver.StartAsync().DefaultTimeout();
    }

    public async Task DisposeAsync()
    {
        foreach (var hub in _hubs) await hub.DisposeAsync().AsTask().DefaultTimeout();
        if (_receiver is not null) await _receiver.DisposeAsync().AsTask().DefaultTimeout();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task KillAndRestart_WhileAcceptingAndDelivering_EveryAcceptedEventIsStoredAndDelivered()
    {
        try
        {
            await RunAsync();
        }
        catch
        {
            foreach (var hub in _hubs) output.WriteLine($"--- {hub.Name} output ---{Environment.NewLine}{hub.Output}");
            throw;
        }
    }

    private async Task RunAsync()
    {
        var receiver = _receiver!;
        receiver.ResponseDelay = ReceiverDelay;
        var clock = Stopwatch.StartNew();

        // Arrange: a hub process, a tenant with a GitHub source, and a subscription pointing at the receiver.
        var first = await StartHubAsync("hub-1");
        var tenantKey = await CreateTenantAsync(first.Client);
        var sourceId = await CreateAsync(first.Client, tenantKey, "/api/sources", new { name = "github", provider = "github", secrets = new[] { GitHubSecret } }, "id");
        receiver.Secret = await CreateAsync(first.Client, tenantKey, "/api/subscriptions", new { url = receiver.Url, eventTypes = new[] { "*" } }, "secret");
        output.WriteLine($"{Elapsed(clock)} hub-1 (pid {first.ProcessId}) at {first.BaseAddress}, receiver at {receiver.Url}");

        // Act 1: 8 concurrent senders; SIGKILL once enough webhooks were accepted and some deliveries arrived.
        var traffic = new Traffic(sourceId);
        using var stopSending = new CancellationTokenSource();
        using var ingest = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = first.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var senders = Enumerable.Range(0, Senders).Select(_ => Task.Run(() => SendUntilStoppedAsync(ingest, traffic, stopSending.Token))).ToArray();

        await WaitUntilAsync(
            () => senders.Any(s => s.IsCompleted) || (traffic.Accepted.Count >= AcceptedBeforeKill && receiver.DistinctCount >= DeliveredBeforeKill),
            () => $"{AcceptedBeforeKill} webhooks are accepted and {DeliveredBeforeKill} events delivered; " +
                $"accepted {traffic.Accepted.Count}, delivered {receiver.DistinctCount}, failed sends {traffic.Failed}",
            KillTriggerTimeout);
        Assert.All(senders.Where(s => s.IsFaulted), s => Assert.Fail($"A sender failed before the kill: {s.Exception}"));

        // Give deliveries a moment to fall behind ingest, so the kill leaves accepted events that only the restarted process can deliver.
        var backlogWait = Stopwatch.StartNew();
        while (traffic.Accepted.Count - receiver.DistinctCount < BacklogAtKill && backlogWait.Elapsed < BacklogWait) await Task.Delay(10);

        traffic.Killed = true;
        first.Kill();
        var killedAt = clock.Elapsed;
        var killedAtUtc = DateTime.UtcNow;
        await stopSending.CancelAsync().DefaultTimeout();
        await Task.WhenAll(senders).DefaultTimeout();
        var accepted = traffic.Accepted.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var deliveredAtKill = receiver.DistinctCount;
        var undeliveredAtKill = accepted.Keys.Count(id => !receiver.HasReceived(id));
        output.WriteLine($"{Elapsed(clock)} SIGKILLed hub-1: {traffic.Attempted.Count} sent, {accepted.Count} answered 200, " +
            $"{traffic.FailedBeforeKill} failed before the kill, {traffic.Failed - traffic.FailedBeforeKill} cut off or refused by the kill, " +
            $"{traffic.Rejected} answered non-200; receiver had {deliveredAtKill} events, " +
            $"{undeliveredAtKill} accepted events not yet delivered");
        Assert.Empty(traffic.WrongEventIds);

        // Act 2: start again on the same database file and wait until every accepted event has arrived.
        var restart = Stopwatch.StartNew();
        var second = await StartHubAsync("hub-2");
        var healthyAfter = restart.Elapsed;
        var healthyAt = DateTime.UtcNow;
        output.WriteLine($"{Elapsed(clock)} hub-2 (pid {second.ProcessId}) healthy at {second.BaseAddress} after {healthyAfter.TotalSeconds:0.0} s");
        await WaitUntilAsync(
            () => accepted.Keys.All(receiver.HasReceived),
            () => "every accepted event is delivered after the restart; missing: " + Missing(accepted.Keys, receiver),
            RecoveryTimeout);
        var recoveredAfter = restart.Elapsed;
        var backlog = accepted.Keys.Where(id => receiver.FirstArrival(id) > killedAtUtc).ToList();
        var late = backlog.Count(id => receiver.FirstArrival(id) > healthyAt + TimeSpan.FromSeconds(3));
        output.WriteLine($"{Elapsed(clock)} all {accepted.Count} accepted events delivered {recoveredAfter.TotalSeconds:0.0} s after the restart " +
            $"({(clock.Elapsed - killedAt).TotalSeconds:0.0} s after the kill); of the {backlog.Count} delivered by hub-2, " +
            $"{backlog.Count - late} came within 3 s of it being healthy and {late} later (work still leased to the killed process, lease {Lease.TotalSeconds} s)");

        // Assert: every accepted event is stored with its payload and was delivered with it, correctly signed.
        Assert.True(receiver.Rejections.Count == 0, "Deliveries with bad signatures: " + string.Join("; ", receiver.Rejections.Take(10)));
        foreach (var (eventId, deliveryId) in accepted)
        {
            var stored = await GetEventAsync(second.Client, tenantKey, eventId);
            Assert.True(stored is not null, $"Accepted event {eventId} (X-GitHub-Delivery {deliveryId}) is missing after the restart.");
            Assert.Equal(deliveryId, stored["providerEventId"]!.GetValue<string>());
            Assert.Equal(Encoding.UTF8.GetString(traffic.Attempted[eventId]), stored["payload"]!.GetValue<string>());
            Assert.Equal(traffic.Attempted[eventId], receiver.BodyOf(eventId));
        }

        // Events stored although their 200 was lost in the kill are not owed to the sender; once stored, they are still delivered.
        // (Those were in flight at the kill, so they are among the newest 1000 even if more were stored.)
        var storedIds = (await GetJsonAsync(second.Client, tenantKey, "/api/events?limit=1000"))["data"]!.AsArray()
            .Select(e => e!["id"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var storedUnacknowledged = storedIds.Where(id => !accepted.ContainsKey(id)).ToList();
        Assert.All(storedUnacknowledged, id => Assert.True(traffic.Attempted.ContainsKey(id), $"Stored event {id} was never sent."));
        await WaitUntilAsync(
            () => storedUnacknowledged.All(receiver.HasReceived),
            () => "the stored but unacknowledged events are delivered too; missing: " + Missing(storedUnacknowledged, receiver),
            RecoveryTimeout);

        // Nothing delivered that was not sent and stored.
        var counts = receiver.Counts;
        foreach (var eventId in counts.Keys.Where(id => !accepted.ContainsKey(id)))
        {
            Assert.True(traffic.Attempted.ContainsKey(eventId), $"The receiver got {eventId}, which no sender sent.");
            Assert.NotNull(await GetEventAsync(second.Client, tenantKey, eventId));
            Assert.Equal(traffic.Attempted[eventId], receiver.BodyOf(eventId));
        }

        var dead = (await GetJsonAsync(second.Client, tenantKey, "/api/deliveries?status=dead&limit=1000"))["data"]!.AsArray().Count;
        var succeeded = (await GetJsonAsync(second.Client, tenantKey, "/api/deliveries?status=succeeded&limit=1000"))["data"]!.AsArray().Count;
        var duplicates = counts.Where(c => c.Value > 1).ToList();
        output.WriteLine($"accepted (200): {accepted.Count}; stored: {storedIds.Count}{(storedIds.Count == 1000 ? "+" : "")} " +
            $"({storedUnacknowledged.Count} stored without their 200 reaching the sender); delivered distinct: {counts.Count}; " +
            $"deliveries received: {receiver.TotalCount}; duplicate deliveries: {receiver.TotalCount - counts.Count} over {duplicates.Count} events " +
            $"({string.Join(", ", duplicates.Take(5).Select(d => $"{d.Key}×{d.Value}"))}); highest attempt number: {receiver.MaxAttempt}; " +
            $"deliveries succeeded per API: {succeeded}; dead: {dead}");
        output.WriteLine($"timings: kill after {killedAt.TotalSeconds:0.0} s; restart healthy in {healthyAfter.TotalSeconds:0.0} s; " +
            $"all accepted delivered {recoveredAfter.TotalSeconds:0.0} s after restart; total {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(0, dead);
        foreach (var hub in _hubs) output.WriteLine($"--- {hub.Name} output ---{Environment.NewLine}{hub.Output}");
    }

    private async Task<HubProcess> StartHubAsync(string name)
    {
        var hub = await HubProcess.StartAsync(name, _directory,
        [
            $"--WebhookHub:AdminApiKey={AdminKey}",
            $"--WebhookHub:Sqlite:Path={Path.Combine(_directory, "hub.db")}",
            "--WebhookHub:Delivery:AllowedNetworks:0=127.0.0.0/8",
            "--WebhookHub:Delivery:PollInterval=00:00:00.100",
            $"--WebhookHub:Delivery:Lease={Lease:c}",
            $"--WebhookHub:Delivery:Timeout={DeliveryTimeout:c}",
            "--Logging:LogLevel:Default=Warning",
        ]).WaitAsync(TimeSpan.FromMinutes(2)); // Above StartAsync's own bound, so a timeout here cannot orphan a process it starts later.
        _hubs.Add(hub);
        return hub;
    }

    /// <summary>Sends signed GitHub webhooks with fresh delivery GUIDs until stopped; only a 200 with the expected event ID counts as accepted.</summary>
    private static async Task SendUntilStoppedAsync(HttpClient client, Traffic traffic, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var deliveryId = Guid.NewGuid().ToString();
            var eventId = EventIds.ForEvent(traffic.SourceId, deliveryId);
            var body = Encoding.UTF8.GetBytes(
                $$"""{"action":"opened","issue":{"number":{{traffic.NextNumber()}},"title":"crash test {{deliveryId}}"},"padding":"{{new string('x', 512)}}"}""");
            traffic.Attempted[eventId] = body;

            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/{traffic.SourceId}") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add("X-GitHub-Event", "issues");
            request.Headers.Add("X-GitHub-Delivery", deliveryId);
            request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(GitHubSecret), body)));
            try
            {
                using var response = await client.SendAsync(request, CancellationToken.None).DefaultTimeout();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref traffic.Rejected);
                    continue;
                }

                var answer = await response.Content.ReadFromJsonAsync<JsonObject>().DefaultTimeout();
                var answeredId = answer!["eventId"]!.GetValue<string>();
                if (answeredId != eventId || answer["duplicate"]!.GetValue<bool>()) traffic.WrongEventIds.Add($"{deliveryId} → {answer.ToJsonString()}");
                else traffic.Accepted[eventId] = deliveryId;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException or TimeoutException or System.Text.Json.JsonException)
            {
                // Connection refused, reset or timed out: the kill cut this request off, so it does not count as accepted.
                Interlocked.Increment(ref traffic.Failed);
                if (!traffic.Killed) Interlocked.Increment(ref traffic.FailedBeforeKill);
            }
        }
    }

    private static async Task<string> CreateTenantAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tenants") { Content = JsonContent.Create(new { name = "crash" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        using var response = await client.SendAsync(request).DefaultTimeout();
        var body = await response.Content.ReadAsStringAsync().DefaultTimeout();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!["apiKey"]!.GetValue<string>();
    }

    private static async Task<string> CreateAsync(HttpClient client, string tenantKey, string path, object payload, string field)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(payload) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tenantKey);
        using var response = await client.SendAsync(request).DefaultTimeout();
        var body = await response.Content.ReadAsStringAsync().DefaultTimeout();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonNode.Parse(body)![field]!.GetValue<string>();
    }

    private static async Task<JsonNode?> GetEventAsync(HttpClient client, string tenantKey, string eventId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/events/{eventId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tenantKey);
        using var response = await client.SendAsync(request).DefaultTimeout();
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        var body = await response.Content.ReadAsStringAsync().DefaultTimeout();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonNode.Parse(body);
    }

    private static async Task<JsonNode> GetJsonAsync(HttpClient client, string tenantKey, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tenantKey);
        using var response = await client.SendAsync(request).DefaultTimeout();
        var body = await response.Content.ReadAsStringAsync().DefaultTimeout();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!;
    }

    /// <summary>Polls <paramref name="condition"/> every 20 ms; on timeout fails with <paramref name="describe"/>, evaluated then.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, Func<string> describe, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > timeout) Assert.Fail($"Timed out after {timeout.TotalSeconds} s waiting until {describe()}");
            await Task.Delay(20);
        }
    }

    private static string Missing(IEnumerable<string> eventIds, SignatureCheckingReceiver receiver)
    {
        var missing = eventIds.Where(id => !receiver.HasReceived(id)).ToList();
        return $"{missing.Count} ({string.Join(", ", missing.Take(10))})";
    }

    private static string Elapsed(Stopwatch clock) => $"[{clock.Elapsed.TotalSeconds,5:0.0} s]";

    /// <summary>What the senders sent and what was acknowledged, keyed by the WebhookHub event ID each webhook maps to.</summary>
    private sealed class Traffic(string sourceId)
    {
        private int _number;
        public int Failed;
        public int FailedBeforeKill;
        public int Rejected;
        public volatile bool Killed;

        public string SourceId { get; } = sourceId;

        /// <summary>Every webhook sent: event ID → body.</summary>
        public ConcurrentDictionary<string, byte[]> Attempted { get; } = new(StringComparer.Ordinal);

        /// <summary>Webhooks answered 200: event ID → X-GitHub-Delivery.</summary>
        public ConcurrentDictionary<string, string> Accepted { get; } = new(StringComparer.Ordinal);

        /// <summary>200 answers whose event ID or duplicate flag was not what the request implies.</summary>
        public ConcurrentBag<string> WrongEventIds { get; } = [];

        public int NextNumber() => Interlocked.Increment(ref _number);
    }
}
