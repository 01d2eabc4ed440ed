using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebhookHub.Delivery;

namespace WebhookHub.Tests.Support;

/// <summary>
/// A subscriber endpoint for delivery tests: Kestrel on <c>127.0.0.1</c> (a free port), told per path how to answer — any
/// status, redirects, 410, 429/503 with <c>Retry-After</c>, hang, connection reset, slow answers, the <c>webhook-delivery</c>
/// directives — optionally as a sequence (fail three times, then succeed). It records every request (on arrival, before
/// answering) and checks each one's Standard Webhooks signature against the secret set for its path. Thread-safe.
/// </summary>
/// <example>
/// <code>
/// await using var receiver = await ProgrammableReceiver.StartAsync(fakeTime);
/// receiver.Expect("hook", subscriptionSecret)
///         .Program("hook", ReceiverBehavior.ServerError().Repeat(2), ReceiverBehavior.Ok());
/// var url = receiver.UrlFor("hook");
/// …
/// var third = await receiver.WaitForRequestAsync("hook", count: 3);
/// Assert.True(third.SignatureValid);
/// </code>
/// </example>
/// <remarks>
/// Delays (<see cref="ReceiverBehavior.Slow"/>) run on the <see cref="TimeProvider"/> given to <see cref="StartAsync"/>, so with
/// a <see cref="FakeTimeProvider"/> a slow answer comes only when the test advances the clock — no real sleeping. A hanging
/// request ends when the client gives up (its timeout) or the receiver is disposed.
/// </remarks>
public sealed class ProgrammableReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, string> _secrets = new();
    private readonly ConcurrentDictionary<string, Script> _scripts = new();
    private readonly List<ReceivedRequest> _requests = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ProgrammableReceiver(WebApplication app, TimeProvider timeProvider)
    {
        _app = app;
        _timeProvider = timeProvider;
    }

    /// <summary>The receiver's base URL, <c>http://127.0.0.1:{port}</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Every request so far, in arrival order (a snapshot).</summary>
    public IReadOnlyList<ReceivedRequest> Requests
    {
        get { lock (_requests) return _requests.ToArray(); }
    }

    /// <summary>Starts a receiver on a free loopback port.</summary>
    /// <param name="timeProvider">The clock for <see cref="ReceiverBehavior.Delay"/> and <see cref="ReceivedRequest.ReceivedAt"/>; system time when null.</param>
    public static async Task<ProgrammableReceiver> StartAsync(TimeProvider? timeProvider = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();
        var receiver = new ProgrammableReceiver(app, timeProvider ?? TimeProvider.System);
        app.Run(receiver.HandleAsync);
        await app.StartAsync().DefaultTimeout();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    /// <summary>The absolute URL of <paramref name="path"/> (with or without a leading slash).</summary>
    public string UrlFor(string path) => BaseUrl + Normalize(path);

    /// <summary>Checks requests to <paramref name="path"/> against <paramref name="secret"/> (<c>whsec_…</c>); returns this receiver.</summary>
    public ProgrammableReceiver Expect(string path, string secret)
    {
        _secrets[Normalize(path)] = secret;
        return this;
    }

    /// <summary>
    /// Sets how <paramref name="path"/> answers from now on: each request takes the next behaviour (a behaviour with
    /// <see cref="ReceiverBehavior.Times"/> n answers n requests), and the last one keeps answering once the sequence is used up.
    /// An unprogrammed path answers 200. Returns this receiver.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="behaviors"/> is empty.</exception>
    public ProgrammableReceiver Program(string path, params ReceiverBehavior[] behaviors)
    {
        if (behaviors.Length == 0) throw new ArgumentException("At least one behaviour is needed.", nameof(behaviors));
        _scripts[Normalize(path)] = new Script(behaviors);
        return this;
    }

    /// <summary>The requests to <paramref name="path"/> so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> RequestsTo(string path)
    {
        var normalized = Normalize(path);
        return Requests.Where(r => r.Path == normalized).ToArray();
    }

    /// <summary>Waits (real time, default 30 s) until <paramref name="path"/> has received <paramref name="count"/> requests and returns that one.</summary>
    /// <exception cref="TimeoutException">Fewer requests arrived in time.</exception>
    public async Task<ReceivedRequest> WaitForRequestAsync(string path, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TaskTimeouts.Default);
        while (true)
        {
            Task changed;
            lock (_requests) changed = _changed.Task;
            var seen = RequestsTo(path);
            if (seen.Count >= count) return seen[count - 1];
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"{Normalize(path)} received {seen.Count} of {count} requests.");
            await Task.WhenAny(changed, Task.Delay(left));
        }
    }

    /// <summary>
    /// <see langword="true"/> when <paramref name="headers"/> carry a <c>webhook-signature</c> entry (space-separated
    /// <c>v1,&lt;base64&gt;</c>) that is the Standard Webhooks HMAC of <c>{webhook-id}.{webhook-timestamp}.{body}</c> with
    /// <paramref name="secret"/>. The timestamp's age is not checked (tests run on fake clocks).
    /// </summary>
    public static bool VerifySignature(string secret, IHeaderDictionary headers, byte[] body)
    {
        if (!long.TryParse(headers["webhook-timestamp"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)) return false;
        var expected = StandardWebhooksSigner.Sign(secret, headers["webhook-id"].ToString(), timestamp, body);
        return headers["webhook-signature"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(expected, StringComparer.Ordinal);
    }

    /// <summary>Ends hanging and slow requests, then stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync().DefaultTimeout();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var path = context.Request.Path.Value ?? "/";
        var headers = context.Request.Headers;
        var valid = _secrets.TryGetValue(path, out var secret) && VerifySignature(secret, headers, body);
        var behavior = _scripts.TryGetValue(path, out var script) ? script.Next() : ReceiverBehavior.Ok();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);

        // The delay starts before the request is visible to the test, so a test that advances a fake clock once it sees the
        // request always moves this timer.
        var delay = behavior.Delay > TimeSpan.Zero ? Task.Delay(behavior.Delay, _timeProvider, linked.Token) : Task.CompletedTask;
        Record(new ReceivedRequest(
            path, context.Request.Method, _timeProvider.GetUtcNow(),
            headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            body, valid, behavior));
        try
        {
            await delay;
            switch (behavior.Fault)
            {
                case ReceiverFault.Hang:
                    await Task.Delay(Timeout.InfiniteTimeSpan, linked.Token);
                    return;
                case ReceiverFault.Reset:
                    context.Abort();
                    return;
            }

            context.Response.StatusCode = behavior.StatusCode;
            foreach (var (name, value) in behavior.Headers) context.Response.Headers[name] = value;
            if (behavior.Body is { } text)
            {
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(text, linked.Token);
            }
        }
        catch (OperationCanceledException)
        {
            context.Abort();
        }
    }

    private void Record(ReceivedRequest request)
    {
        lock (_requests)
        {
            _requests.Add(request);
            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private static string Normalize(string path) => "/" + path.TrimStart('/');

    /// <summary>One path's sequence of behaviours; the last repeats.</summary>
    private sealed class Script(ReceiverBehavior[] behaviors)
    {
        private readonly object _gate = new();
        private int _index;
        private int _usedOfCurrent;

        public ReceiverBehavior Next()
        {
            lock (_gate)
            {
                var current = behaviors[_index];
                if (++_usedOfCurrent >= current.Times && _index < behaviors.Length - 1)
                {
                    _index++;
                    _usedOfCurrent = 0;
                }

                return current;
            }
        }
    }
}

/// <summary>How a <see cref="ProgrammableReceiver"/> fails a request instead of answering it.</summary>
public enum ReceiverFault
{
    /// <summary>Answer normally.</summary>
    None,

    /// <summary>Never answer: hold the request until the client gives up or the receiver is disposed.</summary>
    Hang,

    /// <summary>Drop the connection without an answer (the client sees the response end prematurely / a reset).</summary>
    Reset,
}

/// <summary>
/// How a <see cref="ProgrammableReceiver"/> answers one request: status, headers and body after an optional delay, or a fault.
/// Build one with the factory methods and refine it with <c>with</c>, <see cref="WithHeader"/> and <see cref="Repeat"/>.
/// </summary>
public sealed record ReceiverBehavior
{
    /// <summary>The HTTP status answered.</summary>
    /// <value>200.</value>
    public int StatusCode { get; init; } = 200;

    /// <summary>Response headers.</summary>
    /// <value>None.</value>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Response body (text/plain), or <see langword="null"/> for none.</summary>
    public string? Body { get; init; }

    /// <summary>How long to wait before answering (or faulting), on the receiver's <see cref="TimeProvider"/>.</summary>
    /// <value>Zero.</value>
    public TimeSpan Delay { get; init; }

    /// <summary>Fail the request instead of answering.</summary>
    /// <value><see cref="ReceiverFault.None"/>.</value>
    public ReceiverFault Fault { get; init; }

    /// <summary>How many consecutive requests this behaviour answers within a sequence (see <see cref="ProgrammableReceiver.Program"/>).</summary>
    /// <value>1.</value>
    public int Times { get; init; } = 1;

    /// <summary>2xx (default 200).</summary>
    public static ReceiverBehavior Ok(int statusCode = 200) => new() { StatusCode = statusCode };

    /// <summary>Any status, with an optional text body.</summary>
    public static ReceiverBehavior Status(int statusCode, string? body = null) => new() { StatusCode = statusCode, Body = body };

    /// <summary>A redirect (default 302) to <paramref name="location"/>.</summary>
    public static ReceiverBehavior Redirect(string location, int statusCode = 302) => Status(statusCode).WithHeader("Location", location);

    /// <summary>410 Gone.</summary>
    public static ReceiverBehavior Gone() => Status(410);

    /// <summary>5xx (default 500).</summary>
    public static ReceiverBehavior ServerError(int statusCode = 500) => Status(statusCode);

    /// <summary>429 with <c>Retry-After: {seconds}</c> (delta-seconds form), or without the header when null.</summary>
    public static ReceiverBehavior TooManyRequests(TimeSpan? retryAfter = null) => WithRetryAfter(Status(429), retryAfter);

    /// <summary>429 with <c>Retry-After</c> as an HTTP-date (IMF-fixdate, e.g. <c>Wed, 21 Oct 2015 07:28:00 GMT</c>).</summary>
    public static ReceiverBehavior TooManyRequests(DateTimeOffset retryAt) => Status(429).WithHeader("Retry-After", retryAt.ToString("r", CultureInfo.InvariantCulture));

    /// <summary>503 with <c>Retry-After: {seconds}</c>, or without the header when null.</summary>
    public static ReceiverBehavior Unavailable(TimeSpan? retryAfter = null) => WithRetryAfter(Status(503), retryAfter);

    /// <summary>Never answers (see <see cref="ReceiverFault.Hang"/>).</summary>
    public static ReceiverBehavior Hang() => new() { Fault = ReceiverFault.Hang };

    /// <summary>Drops the connection (see <see cref="ReceiverFault.Reset"/>).</summary>
    public static ReceiverBehavior Reset() => new() { Fault = ReceiverFault.Reset };

    /// <summary>Answers <paramref name="statusCode"/> after <paramref name="delay"/> (on the receiver's clock).</summary>
    public static ReceiverBehavior Slow(TimeSpan delay, int statusCode = 200) => new() { StatusCode = statusCode, Delay = delay };

    /// <summary>Answers <paramref name="statusCode"/> with <c>webhook-delivery: disable</c> (disable the endpoint).</summary>
    public static ReceiverBehavior DisableEndpoint(int statusCode = 200) => Status(statusCode).WithHeader(ReceiverDirectives.HeaderName, ReceiverDirectives.Disable);

    /// <summary>Answers <paramref name="statusCode"/> with <c>webhook-delivery: abort-message</c> (stop retrying this message).</summary>
    public static ReceiverBehavior AbortMessage(int statusCode = 500) => Status(statusCode).WithHeader(ReceiverDirectives.HeaderName, ReceiverDirectives.AbortMessage);

    /// <summary>This behaviour with one more response header.</summary>
    public ReceiverBehavior WithHeader(string name, string value) =>
        this with { Headers = new Dictionary<string, string>(Headers) { [name] = value } };

    /// <summary>This behaviour for <paramref name="times"/> consecutive requests of a sequence.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="times"/> is less than 1.</exception>
    public ReceiverBehavior Repeat(int times)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        return this with { Times = times };
    }

    private static ReceiverBehavior WithRetryAfter(ReceiverBehavior behavior, TimeSpan? retryAfter) =>
        retryAfter is { } delay ? behavior.WithHeader("Retry-After", ((long)delay.TotalSeconds).ToString(CultureInfo.InvariantCulture)) : behavior;
}

/// <summary>One request as a <see cref="ProgrammableReceiver"/> saw it.</summary>
/// <param name="Path">The request path, with a leading slash.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="ReceivedAt">When it arrived, on the receiver's clock.</param>
/// <param name="Headers">Request headers, names lower-cased, repeated values comma-joined.</param>
/// <param name="Body">The exact body bytes.</param>
/// <param name="SignatureValid">The Standard Webhooks signature matched the secret set with <see cref="ProgrammableReceiver.Expect"/>.</param>
/// <param name="Behavior">How the receiver answered it.</param>
public sealed record ReceivedRequest(
    string Path, string Method, DateTimeOffset ReceivedAt, IReadOnlyDictionary<string, string> Headers, byte[] Body, bool SignatureValid,
    ReceiverBehavior Behavior)
{
    /// <summary>The <c>webhook-id</c> (the event ID).</summary>
    public string WebhookId => Headers.GetValueOrDefault("webhook-id", "");

    /// <summary>The <c>webhookhub-delivery-id</c>.</summary>
    public string DeliveryId => Headers.GetValueOrDefault("webhookhub-delivery-id", "");

    /// <summary>The <c>webhookhub-event-type</c>, or empty.</summary>
    public string EventType => Headers.GetValueOrDefault("webhookhub-event-type", "");

    /// <summary>The one-based <c>webhookhub-attempt</c>, or 0 when absent.</summary>
    public int Attempt => int.TryParse(Headers.GetValueOrDefault("webhookhub-attempt"), out var attempt) ? attempt : 0;
}
