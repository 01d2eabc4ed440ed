using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.EndToEnd;

/// <summary>
/// A subscriber endpoint on a real Kestrel server (127.0.0.1, free port). It verifies every request's Standard Webhooks
/// signature independently of WebhookHub's signer (HMAC-SHA256 over <c>{webhook-id}.{webhook-timestamp}.{body}</c>, keyed with the
/// base64 part of the <c>whsec_</c> secret, timestamp within 5 minutes), answers 200 to valid ones (optionally after a delay) and 400 to the rest, and records
/// how often each <c>webhook-id</c> arrived with a valid signature, with the body of its first arrival. Thread-safe.
/// </summary>
internal sealed class SignatureCheckingReceiver : IAsyncDisposable
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _bodies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTime> _firstArrivals = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _rejections = new();
    private int _total;
    private int _maxAttempt;
    private volatile string? _secret;

    private SignatureCheckingReceiver(WebApplication app) => _app = app;

    /// <summary>The URL to subscribe.</summary>
    public string Url { get; private set; } = "";

    /// <summary>The subscription secret (<c>whsec_</c> + base64); requests that arrive before it is set are rejected.</summary>
    public string? Secret
    {
        get => _secret;
        set => _secret = value;
    }

    /// <summary>How long the receiver holds each valid delivery before answering 200 (it is recorded on arrival), so that
    /// deliveries are in flight at any moment.</summary>
    public TimeSpan ResponseDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Valid deliveries received, duplicates included.</summary>
    public int TotalCount => Volatile.Read(ref _total);

    /// <summary>Distinct <c>webhook-id</c>s received with a valid signature.</summary>
    public int DistinctCount => _counts.Count;

    /// <summary>The highest <c>webhookhub-attempt</c> seen on a valid delivery.</summary>
    public int MaxAttempt => Volatile.Read(ref _maxAttempt);

    /// <summary>Why requests were rejected (invalid or missing signature headers), in arrival order.</summary>
    public IReadOnlyList<string> Rejections => _rejections.ToArray();

    /// <summary>A copy of webhook-id → number of valid deliveries.</summary>
    public IReadOnlyDictionary<string, int> Counts => new Dictionary<string, int>(_counts, StringComparer.Ordinal);

    public bool HasReceived(string webhookId) => _counts.ContainsKey(webhookId);

    public byte[]? BodyOf(string webhookId) => _bodies.TryGetValue(webhookId, out var body) ? body : null;

    /// <summary>When the first valid delivery of <paramref name="webhookId"/> arrived (UTC), or <see langword="null"/>.</summary>
    public DateTime? FirstArrival(string webhookId) => _firstArrivals.TryGetValue(webhookId, out var at) ? at : null;

    public static async Task<SignatureCheckingReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new SignatureCheckingReceiver(app);
        app.MapPost("/hooks", (Func<HttpContext, Task<IResult>>)receiver.HandleAsync);
        await app.StartAsync().DefaultTimeout();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address.TrimEnd('/') + "/hooks";
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().DefaultTimeout();
        await _app.DisposeAsync().AsTask().DefaultTimeout();
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var headers = context.Request.Headers;
        string id = headers["webhook-id"].ToString(), timestamp = headers["webhook-timestamp"].ToString();
        var signatures = headers["webhook-signature"].ToString();

        var problem = Check(id, timestamp, signatures, body);
        if (problem is not null)
        {
            _rejections.Enqueue($"{id}: {problem}");
            return Results.BadRequest();
        }

        _counts.AddOrUpdate(id, 1, (_, n) => n + 1);
        _bodies.TryAdd(id, body);
        _firstArrivals.TryAdd(id, DateTime.UtcNow);
        Interlocked.Increment(ref _total);
        if (int.TryParse(headers["webhookhub-attempt"].ToString(), out var attempt))
        {
            int seen;
            while (attempt > (seen = Volatile.Read(ref _maxAttempt)) && Interlocked.CompareExchange(ref _maxAttempt, attempt, seen) != seen)
            {
            }
        }

        if (ResponseDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(ResponseDelay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The sender went away (killed) while we held the response.
            }
        }

        return Results.Ok();
    }

    private string? Check(string id, string timestamp, string signatures, byte[] body)
    {
        var secret = _secret;
        if (secret is null || !secret.StartsWith("whsec_", StringComparison.Ordinal)) return "no subscription secret known yet";
        if (id.Length == 0 || timestamp.Length == 0 || signatures.Length == 0) return "missing webhook-id, webhook-timestamp or webhook-signature";
        if (!long.TryParse(timestamp, out var seconds)) return $"malformed webhook-timestamp '{timestamp}'";
        var age = DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age.Duration() > Tolerance) return $"webhook-timestamp {timestamp} is {age.TotalSeconds:0} s off";

        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray();
        var expected = Encoding.ASCII.GetBytes("v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed)));
        foreach (var candidate in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate), expected)) return null;
        }

        return "no v1 signature matched";
    }
}
