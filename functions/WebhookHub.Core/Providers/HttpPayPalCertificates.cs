using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace WebhookHub.Providers;

/// <summary>
/// The default <see cref="IPayPalCertificates"/>: downloads a PayPal certificate with a synchronous <see cref="HttpClient.Send(HttpRequestMessage, HttpCompletionOption)"/>
/// (no redirects, <see cref="DefaultTimeout"/>, at most <see cref="MaxCertificateBytes"/>) and caches it by URL until the
/// certificate's <c>NotAfter</c> or <see cref="MaxAge"/>, whichever comes first. A failed download is remembered for
/// <see cref="FailureRetryDelay"/> so that a burst of webhooks does not hammer PayPal; those webhooks are rejected meanwhile (and
/// PayPal retries them). At most <see cref="MaxEntries"/> URLs are cached (expired entries are dropped first, then the oldest).
/// Thread-safe: concurrent requests for one URL share a single download.
/// </summary>
/// <remarks>
/// Why synchronous: <see cref="IWebhookVerifier.Verify"/> is synchronous and the URL is only known from the request, so the
/// first webhook of a certificate must wait for it. <see cref="HttpClient.Send(HttpRequestMessage, HttpCompletionOption)"/>
/// blocks only the calling thread (no sync-over-async, which could starve the thread pool), happens once per certificate
/// (PayPal certificate URLs name one certificate and change rarely), and is bounded by the timeout.
/// </remarks>
public sealed class HttpPayPalCertificates : IPayPalCertificates, IDisposable
{
    /// <summary>Timeout of one download, connection included.</summary>
    /// <value>5 seconds.</value>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Longest time a certificate is kept before it is downloaded again.</summary>
    /// <value>24 hours.</value>
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);

    /// <summary>How long a failed download is remembered before the URL is tried again.</summary>
    /// <value>30 seconds.</value>
    public static readonly TimeSpan FailureRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>Most certificate URLs cached at once.</summary>
    /// <value>32.</value>
    public const int MaxEntries = 32;

    /// <summary>Largest certificate response read, in bytes.</summary>
    /// <value>65536.</value>
    public const int MaxCertificateBytes = 64 * 1024;

    private static readonly Lazy<HttpPayPalCertificates> LazyShared = new(() => new HttpPayPalCertificates());

    private readonly HttpClient _client;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Creates a cache that downloads with <paramref name="handler"/> (default: a <see cref="SocketsHttpHandler"/> that follows no redirect).</summary>
    /// <param name="handler">The HTTP handler; it must support synchronous sends. Disposed with this instance.</param>
    /// <param name="timeProvider">The clock for expiry; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="timeout">The timeout of one download; <see cref="DefaultTimeout"/> by default.</param>
    public HttpPayPalCertificates(HttpMessageHandler? handler = null, TimeProvider? timeProvider = null, TimeSpan? timeout = null)
    {
        var time = timeout ?? DefaultTimeout;
        handler ??= new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = time, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        _client = new HttpClient(handler) { Timeout = time, MaxResponseContentBufferSize = MaxCertificateBytes };
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The process-wide instance <see cref="PayPal"/> uses by default; created on first use.</summary>
    public static HttpPayPalCertificates Shared => LazyShared.Value;

    /// <inheritdoc/>
    public X509Certificate2? Get(Uri url)
    {
        var key = url.AbsoluteUri;
        var now = _timeProvider.GetUtcNow();
        if (!_entries.TryGetValue(key, out var entry) || entry.IsExpired(now))
        {
            if (_entries.Count >= MaxEntries) Prune(now);
            entry = _entries.AddOrUpdate(key, _ => new Entry(this, url), (_, old) => old.IsExpired(now) ? new Entry(this, url) : old);
        }

        return entry.Certificate;
    }

    /// <summary>The number of URLs cached now (tests).</summary>
    internal int Count => _entries.Count;

    /// <summary>Disposes the HTTP client (and its handler).</summary>
    public void Dispose() => _client.Dispose();

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.IsExpired(now)) _entries.TryRemove(key, out _);
        }

        while (_entries.Count >= MaxEntries)
        {
            var oldest = _entries.MinBy(pair => pair.Value.CreatedTicks);
            if (oldest.Key is null) break;
            _entries.TryRemove(oldest.Key, out _);
        }
    }

    private (X509Certificate2? Certificate, DateTimeOffset ExpiresAt) Download(Uri url)
    {
        var now = _timeProvider.GetUtcNow();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = _client.Send(request, HttpCompletionOption.ResponseContentRead);
            if (!response.IsSuccessStatusCode) return (null, now + FailureRetryDelay);

            using var stream = response.Content.ReadAsStream();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var certificate = Parse(buffer.ToArray());
            if (certificate is null) return (null, now + FailureRetryDelay);

            var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
            var expiresAt = notAfter < now + MaxAge ? notAfter : now + MaxAge;
            return (certificate, expiresAt < now + FailureRetryDelay ? now + FailureRetryDelay : expiresAt);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or OperationCanceledException
            or IOException or CryptographicException or InvalidOperationException or NotSupportedException)
        {
            return (null, now + FailureRetryDelay);
        }
    }

    /// <summary>Reads the first certificate of a PEM response (PayPal's form), or the whole response as DER.</summary>
    internal static X509Certificate2? Parse(byte[] content)
    {
        try
        {
            var text = Encoding.ASCII.GetString(content);
            if (!text.Contains("-----BEGIN", StringComparison.Ordinal)) return X509CertificateLoader.LoadCertificate(content);

            var span = text.AsSpan();
            while (PemEncoding.TryFind(span, out var fields))
            {
                if (span[fields.Label].SequenceEqual("CERTIFICATE"))
                {
                    return X509CertificateLoader.LoadCertificate(Convert.FromBase64String(span[fields.Base64Data].ToString()));
                }

                span = span[fields.Location.End..];
            }

            return null;
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException)
        {
            return null;
        }
    }

    /// <summary>One URL's download: shared by concurrent callers, expiring once it is done.</summary>
    private sealed class Entry
    {
        private readonly Lazy<(X509Certificate2? Certificate, DateTimeOffset ExpiresAt)> _result;

        public Entry(HttpPayPalCertificates owner, Uri url)
        {
            CreatedTicks = owner._timeProvider.GetUtcNow().UtcTicks;
            _result = new(() => owner.Download(url), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public long CreatedTicks { get; }

        public X509Certificate2? Certificate => _result.Value.Certificate;

        public bool IsExpired(DateTimeOffset now) => _result.IsValueCreated && _result.Value.ExpiresAt <= now;
    }
}
