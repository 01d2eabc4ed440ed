namespace WebhookHub.Benchmarks;

/// <summary>
/// Sends the benchmark webhook to one target over at most <c>connections</c> HTTP/1.1 keep-alive connections; callers beyond
/// that wait for a free connection (on the clock, for the open-loop phase). Thread-safe.
/// </summary>
internal interface IIngestClient : IDisposable
{
    /// <summary>Sends one webhook with a new <c>X-GitHub-Delivery</c>; returns the HTTP status or a <see cref="SendStatus"/> value.</summary>
    Task<int> SendAsync();
}
