namespace WebhookHub.Benchmarks;

/// <summary>The load generator's HTTP client; the same one is used against both servers.</summary>
internal enum ClientKind
{
    /// <summary><see cref="RawIngestClient"/>: pre-formatted requests on plain sockets, a few microseconds of CPU each.</summary>
    Raw,

    /// <summary><see cref="HttpClientIngestClient"/>: <see cref="HttpClient"/> over <see cref="SocketsHttpHandler"/>.</summary>
    HttpClient,
}
