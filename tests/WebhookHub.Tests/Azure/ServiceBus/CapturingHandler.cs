using System.Net;
using System.Text;
using Azure.Core.Pipeline;
using WebhookHub.Azure.ServiceBus;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Azure.ServiceBus;

/// <summary>A request as it reached the wire (after Azure.Core's pipeline and HttpClient's header handling).</summary>
public sealed record CapturedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, byte[] Body, long? ContentLength)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// The transport end of the client under test: an <see cref="HttpMessageHandler"/> under Azure.Core's <see cref="HttpClientTransport"/>
/// that records each request (request and content headers, body) and answers from a script (then 201 Created by default).
/// No network.
/// </summary>
public sealed class CapturingHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, HttpResponseMessage>> _script = new();
    private readonly List<CapturedRequest> _requests = [];

    public IReadOnlyList<CapturedRequest> Requests
    {
        get { lock (_requests) return _requests.ToArray(); }
    }

    public CapturedRequest Single() => Assert.Single(Requests);

    /// <summary>Answers the next request with <paramref name="answer"/>; unscripted requests get 201.</summary>
    public CapturingHandler Then(Func<HttpRequestMessage, HttpResponseMessage> answer)
    {
        lock (_script) _script.Enqueue(answer);
        return this;
    }

    public CapturingHandler Then(HttpStatusCode status, string? body = null) =>
        Then(_ => new HttpResponseMessage(status) { Content = body is null ? null : new StringContent(body) });

    public ServiceBusClientOptions Options(TimeProvider? timeProvider = null) => new()
    {
        Transport = new HttpClientTransport(this),
        TimeProvider = timeProvider ?? new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        Retry = { Delay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(1), MaxRetries = 3 },
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers) headers[name] = string.Join(",", values);
        byte[] body = [];
        long? length = null;
        if (request.Content is not null)
        {
            foreach (var (name, values) in request.Content.Headers) headers[name] = string.Join(",", values);
            body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
            length = request.Content.Headers.ContentLength;
        }

        lock (_requests) _requests.Add(new CapturedRequest(request.Method.Method, request.RequestUri!, headers, body, length));
        Func<HttpRequestMessage, HttpResponseMessage>? answer;
        lock (_script) _script.TryDequeue(out answer);
        var response = answer?.Invoke(request) ?? new HttpResponseMessage(HttpStatusCode.Created);
        response.RequestMessage = request;
        return response;
    }
}
