using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebhookHub.Azure.ServiceBus;

namespace WebhookHub.Tests.Support;

/// <summary>
/// A Service Bus namespace for tests: Kestrel on <c>127.0.0.1</c> (a free port) speaking the REST contract of
/// https://learn.microsoft.com/rest/api/servicebus/ — send and batch send (<c>BrokerProperties</c>, custom headers,
/// <c>UserProperties</c>), peek-lock receive with long polling, complete / abandon / renew through the <c>Location</c> URL, and
/// receive-and-delete. Queues and topics (with their subscriptions) are fixed in the constructor; a topic fans every message
/// out to each subscription. It keeps Service Bus's rules: duplicate detection by <c>MessageId</c> within
/// <see cref="DuplicateDetectionWindow"/>, scheduled messages invisible until due, locks that expire after
/// <see cref="LockDuration"/> (the message returns and is delivered again with a higher <c>DeliveryCount</c>), dead-lettering once
/// <see cref="MaxDeliveryCount"/> deliveries were abandoned or expired, expiry after a message's time to live.
/// Every request needs an <c>Authorization</c> header (401 without): a SAS token is checked against <see cref="Key"/> and must not
/// have expired; any bearer token is accepted. It records every request and exposes what each entity holds. Thread-safe.
/// </summary>
/// <example>
/// <code>
/// await using var bus = await new FakeServiceBus(["deliveries"], new Dictionary&lt;string, string[]&gt; { ["events"] = ["dispatch"] }, fakeTime).StartAsync();
/// var client = bus.CreateClient();
/// await client.CreateSender("events").SendAsync(new ServiceBusMessage(body) { MessageId = "evt_1" });
/// var message = await client.CreateReceiver("events", "dispatch").ReceiveAsync(TimeSpan.FromSeconds(5));
/// Assert.Single(bus.Messages("events/subscriptions/dispatch"));
/// </code>
/// </example>
/// <remarks>
/// All time — scheduling, locks, duplicate windows, SAS expiry and the long-poll timeout — is the <see cref="TimeProvider"/>'s.
/// With a <see cref="FakeTimeProvider"/> a receive waits until a message arrives or the test advances the clock past its timeout;
/// give clients the same clock (<see cref="CreateClient"/> does) or their SAS tokens may look expired.
/// </remarks>
public sealed partial class FakeServiceBus : IAsyncDisposable
{
    /// <summary>The shared access key name of <see cref="ConnectionString"/>.</summary>
    public const string KeyName = "RootManageSharedAccessKey";

    /// <summary>The shared access key of <see cref="ConnectionString"/> (a test value, not a secret).</summary>
    public const string Key = "ZmFrZS1zZXJ2aWNlLWJ1cy1rZXktZm9yLXRlc3RzLW9ubHk=";

    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<FakeServiceBusRequest> _requests = [];
    private WebApplication? _app;

    /// <summary>Configures the namespace; <see cref="StartAsync"/> starts it.</summary>
    /// <param name="queues">The queue names.</param>
    /// <param name="topics">Each topic's subscription names.</param>
    /// <param name="timeProvider">The clock (see remarks); system time when null.</param>
    public FakeServiceBus(IEnumerable<string>? queues = null, IReadOnlyDictionary<string, string[]>? topics = null, TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        foreach (var queue in queues ?? []) AddReceiveEntity(queue, sendEntity: queue);
        foreach (var (topic, subscriptions) in topics ?? new Dictionary<string, string[]>())
        {
            _topics[topic] = subscriptions.Select(s => topic + "/subscriptions/" + s).ToArray();
            foreach (var subscription in _topics[topic]) AddReceiveEntity(subscription, sendEntity: topic);
        }
    }

    /// <summary>How long a <c>MessageId</c> is remembered per queue or topic; a message with a remembered ID is accepted and dropped.</summary>
    /// <value>10 minutes (Service Bus's default).</value>
    public TimeSpan DuplicateDetectionWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a peek-lock (or a renewal) holds a message.</summary>
    /// <value>60 seconds (Service Bus's default).</value>
    public TimeSpan LockDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The delivery count at which an abandoned or expired lock dead-letters the message instead of returning it.</summary>
    /// <value>10 (Service Bus's default).</value>
    public int MaxDeliveryCount { get; init; } = 10;

    /// <summary>Whether a message whose time to live passed is dead-lettered (<c>TTLExpiredException</c>) rather than dropped.</summary>
    /// <value><see langword="false"/> (Service Bus's default).</value>
    public bool DeadLetteringOnMessageExpiration { get; init; }

    /// <summary>The base URL, <c>http://127.0.0.1:{port}</c> (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>A connection string for this namespace (<c>Endpoint=http://127.0.0.1:{port}/;SharedAccessKeyName=…;SharedAccessKey=…</c>).</summary>
    public string ConnectionString => $"Endpoint={BaseUrl}/;SharedAccessKeyName={KeyName};SharedAccessKey={Key}";

    /// <summary>Every request so far, in arrival order (a snapshot).</summary>
    public IReadOnlyList<FakeServiceBusRequest> Requests
    {
        get { lock (_requests) return _requests.ToArray(); }
    }

    /// <summary>Starts Kestrel on a free loopback port; returns this instance.</summary>
    public async Task<FakeServiceBus> StartAsync()
    {
        if (_app is not null) throw new InvalidOperationException("The fake Service Bus is already started.");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync().DefaultTimeout();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return this;
    }

    /// <summary>A client of this namespace from <see cref="ConnectionString"/>, on this namespace's clock unless the options give one.</summary>
    public ServiceBusClient CreateClient(ServiceBusClientOptions? options = null)
    {
        options ??= new ServiceBusClientOptions { TimeProvider = _timeProvider };
        return ServiceBusClient.FromConnectionString(ConnectionString, options);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            await _app.StopAsync().DefaultTimeout();
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        lock (_requests) _requests.Add(new FakeServiceBusRequest(request.Method, request.Path.Value ?? "/", request.QueryString.Value ?? "", headers, buffer.ToArray()));

        if (!IsAuthorized(request.Headers.Authorization.ToString(), BaseUrl + request.Path.Value))
        {
            await ErrorAsync(context, 401, "The Authorization header is missing, or its token is malformed, expired or wrongly signed.");
            return;
        }

        var segments = (request.Path.Value ?? "").Trim('/').Split('/');
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        if (segments.Length >= 2 && Is(segments[^1], "messages") && HttpMethods.IsPost(request.Method))
        {
            await SendAsync(context, string.Join('/', segments[..^1]), buffer.ToArray());
        }
        else if (segments.Length >= 3 && Is(segments[^2], "messages") && Is(segments[^1], "head")
                 && (HttpMethods.IsPost(request.Method) || HttpMethods.IsDelete(request.Method)))
        {
            await ReceiveAsync(context, string.Join('/', segments[..^2]), peekLock: HttpMethods.IsPost(request.Method), linked.Token);
        }
        else if (segments.Length >= 4 && Is(segments[^3], "messages"))
        {
            await SettleAsync(context, string.Join('/', segments[..^3]), segments[^2], segments[^1]);
        }
        else
        {
            await ErrorAsync(context, 400, $"{request.Method} {request.Path} is not a Service Bus messaging operation.");
        }
    }

    private static bool Is(string segment, string literal) => segment.Equals(literal, StringComparison.OrdinalIgnoreCase);

    /// <summary>SAS: <c>skn</c> is <see cref="KeyName"/>, <c>se</c> is in the future, the decoded <c>sr</c> is a prefix of the request
    /// URL, and <c>sig</c> is HMAC-SHA256 over <c>{sr as sent}\n{se}</c> with <see cref="Key"/>'s UTF-8 bytes. Bearer: any token.</summary>
    private bool IsAuthorized(string authorization, string requestUrl)
    {
        if (authorization.StartsWith("Bearer ", StringComparison.Ordinal)) return authorization.Length > "Bearer ".Length;
        const string scheme = "SharedAccessSignature ";
        if (!authorization.StartsWith(scheme, StringComparison.Ordinal)) return false;
        var fields = authorization[scheme.Length..].Split('&')
            .Select(f => f.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .GroupBy(kv => kv[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
        if (!fields.TryGetValue("sr", out var sr) || !fields.TryGetValue("sig", out var sig)
            || !fields.TryGetValue("se", out var se) || !fields.TryGetValue("skn", out var skn))
        {
            return false;
        }

        if (WebUtility.UrlDecode(skn) != KeyName) return false;
        if (!long.TryParse(se, NumberStyles.None, CultureInfo.InvariantCulture, out var expiry) || expiry <= _timeProvider.GetUtcNow().ToUnixTimeSeconds()) return false;
        if (!requestUrl.StartsWith(WebUtility.UrlDecode(sr), StringComparison.OrdinalIgnoreCase)) return false;
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.UTF8.GetBytes(sr + "\n" + se));
        byte[] actual;
        try
        {
            actual = Convert.FromBase64String(WebUtility.UrlDecode(sig));
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    private static async Task ErrorAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml; charset=utf-8";
        await context.Response.WriteAsync($"<Error><Code>{status}</Code><Detail>{WebUtility.HtmlEncode(detail)}</Detail></Error>");
    }
}
