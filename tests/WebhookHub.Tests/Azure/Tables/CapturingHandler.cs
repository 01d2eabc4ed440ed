using System.Net;
using System.Text;
using Azure.Core.Pipeline;
using WebhookHub.Azure.Tables;

namespace WebhookHub.Tests.Azure.Tables;

/// <summary>A request the client sent, as the wire saw it.</summary>
public sealed record CapturedRequest(HttpMethod Method, Uri Uri, Dictionary<string, string> Headers, string Body)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : throw new Xunit.Sdk.XunitException($"No {name} header.");
}

/// <summary>
/// An in-process HTTP handler under Azure.Core's <see cref="HttpClientTransport"/>: records every request and answers from
/// <see cref="Respond"/> (204 No Content by default). No network.
/// </summary>
public sealed class CapturingHandler : HttpMessageHandler
{
    public List<CapturedRequest> Requests { get; } = [];

    public Func<CapturedRequest, HttpResponseMessage> Respond { get; set; } = _ => new HttpResponseMessage(HttpStatusCode.NoContent);

    /// <summary>Options whose transport is this handler; retries wait 1 ms.</summary>
    public TableClientOptions Options(TimeProvider? time = null)
    {
        var options = new TableClientOptions { Transport = new HttpClientTransport(new HttpClient(this)) };
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(1);
        if (time is not null) options.TimeProvider = time;
        return options;
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers) response.Headers.TryAddWithoutValidation(name, value);
        return response;
    }

    public static HttpResponseMessage Error(HttpStatusCode status, string code) =>
        Json(status, """{"odata.error":{"code":""" + "\"" + code + "\"" + ""","message":{"lang":"en-US","value":"Something went wrong.\nRequestId:1\nTime:2026-01-01T00:00:00Z"}}}""");

    public static HttpResponseMessage WithETag(HttpStatusCode status, string etag)
    {
        var response = new HttpResponseMessage(status);
        response.Headers.TryAddWithoutValidation("ETag", etag);
        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        // NonValidated: the values as they go on the wire, not re-formatted by HttpClient's typed parsers
        foreach (var header in request.Headers.NonValidated) headers[header.Key] = header.Value.ToString();
        var body = "";
        if (request.Content is not null)
        {
            foreach (var header in request.Content.Headers.NonValidated) headers[header.Key] = header.Value.ToString();
            body = await request.Content.ReadAsStringAsync(cancellationToken);
        }

        var captured = new CapturedRequest(request.Method, request.RequestUri!, headers, body);
        lock (Requests) Requests.Add(captured);
        var response = Respond(captured);
        response.RequestMessage = request;
        return response;
    }
}
