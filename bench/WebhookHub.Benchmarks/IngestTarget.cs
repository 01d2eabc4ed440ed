using System.Net.Http.Headers;

namespace WebhookHub.Benchmarks;

/// <summary>
/// Where the load goes and what a success looks like. Both servers get byte-identical requests (same body, same GitHub
/// headers, a fresh <c>X-GitHub-Delivery</c> each time); only the URL differs.
/// </summary>
/// <param name="Name">Display name.</param>
/// <param name="Url">The POST endpoint.</param>
/// <param name="Signature">The <c>X-Hub-Signature-256</c> value.</param>
/// <param name="SuccessMarker">Bytes a 200 body must contain, if any (WebhookHub: <c>"duplicate":false</c>).</param>
internal sealed record IngestTarget(string Name, Uri Url, string Signature, byte[]? SuccessMarker)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public HttpRequestMessage CreateRequest(string deliveryId)
    {
        var content = new ByteArrayContent(GitHubPayload.Body);
        content.Headers.ContentType = Json;
        var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = content };
        request.Headers.TryAddWithoutValidation("User-Agent", "GitHub-Hookshot/bench");
        request.Headers.TryAddWithoutValidation("X-GitHub-Event", GitHubPayload.EventName);
        request.Headers.TryAddWithoutValidation("X-GitHub-Delivery", deliveryId);
        request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", Signature);
        return request;
    }
}
