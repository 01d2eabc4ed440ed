using System.Net;

namespace WebhookHub.Benchmarks;

/// <summary><see cref="HttpClient"/> over <see cref="SocketsHttpHandler"/> with <c>MaxConnectionsPerServer = connections</c>.</summary>
internal sealed class HttpClientIngestClient : IIngestClient
{
    private readonly HttpClient _http;
    private readonly IngestTarget _target;

    public HttpClientIngestClient(IngestTarget target, int connections)
    {
        _target = target;
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        })
        {
            Timeout = BenchmarkDefaults.RequestTimeout,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    public async Task<int> SendAsync()
    {
        try
        {
            using var request = _target.CreateRequest(Guid.NewGuid().ToString());
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status != 200 || _target.SuccessMarker is null) return status;
            var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            return body.AsSpan().IndexOf(_target.SuccessMarker) >= 0 ? status : SendStatus.UnexpectedBody;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
        {
            return SendStatus.TransportError;
        }
    }

    public void Dispose() => _http.Dispose();
}
