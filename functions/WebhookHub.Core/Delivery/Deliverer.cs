using System.Net.Sockets;
using System.Text;

namespace WebhookHub.Delivery;

/// <summary>
/// Sends one delivery attempt and records its outcome: POST the original bytes with the original <c>Content-Type</c>, signed with
/// Standard Webhooks headers; 2xx succeeds, anything else is retried on the <see cref="RetrySchedule"/> and dead-lettered when it
/// runs out. Redirects are not followed (the handler must have <c>AllowAutoRedirect = false</c>). Thread-safe.
/// </summary>
/// <remarks>
/// Headers sent: <c>webhook-id</c> (the event ID, the same on every attempt and every subscription), <c>webhook-timestamp</c>
/// (Unix seconds of this attempt), <c>webhook-signature</c>, <c>webhookhub-event-type</c>, <c>webhookhub-source-id</c>,
/// <c>webhookhub-delivery-id</c> and <c>webhookhub-attempt</c> (one-based).
/// </remarks>
public sealed class Deliverer(HttpClient httpClient, IDeliveryStore store, RetrySchedule schedule, DeliveryOptions options, TimeProvider timeProvider)
{
    private readonly TimeSpan _timeout = options.Timeout;
    private readonly int _maxResponseBytes = options.MaxResponseBodyBytes;

    /// <summary>Makes one attempt and records it; returns the recorded attempt.</summary>
    /// <param name="job">The claimed delivery with its event and subscription.</param>
    /// <param name="cancellationToken">Shutdown: when cancelled mid-attempt nothing is recorded, and the lease lets another worker retry.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<DeliveryAttempt> DeliverAsync(DeliveryJob job, CancellationToken cancellationToken = default)
    {
        var delivery = job.Delivery;
        var attemptNumber = delivery.AttemptCount + 1;
        var startedAt = timeProvider.GetUtcNow();
        var started = timeProvider.GetTimestamp();

        var response = job.Subscription.Active
            ? await SendAsync(job, attemptNumber, startedAt, cancellationToken).ConfigureAwait(false)
            : new Response(null, "subscription is inactive", null, null);
        var duration = (long)timeProvider.GetElapsedTime(started).TotalMilliseconds;

        var now = timeProvider.GetUtcNow();
        var retryIndex = delivery.RetryIndex + 1;
        var succeeded = response.StatusCode is >= 200 and < 300;
        var delay = succeeded || !job.Subscription.Active ? null : schedule.NextDelay(retryIndex, response.RetryAfter);
        var status = succeeded ? DeliveryStatus.Succeeded : delay is null ? DeliveryStatus.Dead : DeliveryStatus.Failed;

        var updated = delivery with
        {
            Status = status,
            AttemptCount = attemptNumber,
            RetryIndex = retryIndex,
            NextAttemptAt = delay is { } d ? now + d : now,
            UpdatedAt = now,
            LastStatusCode = response.StatusCode,
            LastError = response.Error,
        };
        var attempt = new DeliveryAttempt(delivery.Id, attemptNumber, startedAt, duration, response.StatusCode, response.Error, response.Body, status)
        {
            ResponseHeaders = response.Headers,
        };
        await store.RecordAttemptAsync(updated, attempt, CancellationToken.None).ConfigureAwait(false);
        return attempt;
    }

    private async Task<Response> SendAsync(DeliveryJob job, int attemptNumber, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var webhookEvent = job.Event;
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, job.Subscription.Url)
        {
            Content = new ReadOnlyMemoryContent(webhookEvent.Payload),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", webhookEvent.ContentType ?? "application/json");
        var headers = request.Headers;
        headers.TryAddWithoutValidation("webhook-id", webhookEvent.Id);
        headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        headers.TryAddWithoutValidation("webhook-signature", StandardWebhooksSigner.SignatureHeader(job.Subscription, webhookEvent.Id, timestamp, webhookEvent.Payload.Span, now));
        if (webhookEvent.EventType is { } type) headers.TryAddWithoutValidation("webhookhub-event-type", type);
        headers.TryAddWithoutValidation("webhookhub-source-id", webhookEvent.SourceId);
        headers.TryAddWithoutValidation("webhookhub-delivery-id", job.Delivery.Id);
        headers.TryAddWithoutValidation("webhookhub-attempt", attemptNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var timeout = new CancellationTokenSource(_timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var body = await ReadTruncatedAsync(response, linked.Token).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            var retryAfter = code is 429 or 503 ? RetryAfter.Parse(response.Headers.RetryAfter?.ToString(), timeProvider.GetUtcNow()) : null;
            var error = code is >= 200 and < 300 ? null : $"HTTP {code}";
            return new Response(code, error, body, retryAfter) { Headers = ResponseHeaderFilter.Filter(response) };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Response(null, $"timed out after {_timeout.TotalSeconds:0.###} s", null, null);
        }
        catch (HttpRequestException exception) when (!cancellationToken.IsCancellationRequested)
        {
            return new Response(null, Describe(exception), null, null);
        }
    }

    private async Task<string?> ReadTruncatedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (_maxResponseBytes == 0) return null;
        var buffer = new byte[_maxResponseBytes];
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return read == 0 ? null : Encoding.UTF8.GetString(buffer, 0, read);
    }

    private static string Describe(HttpRequestException exception) => exception.InnerException switch
    {
        SsrfBlockedException blocked => "blocked by SSRF guard: " + blocked.Message,
        SocketException socket => $"connection failed: {socket.SocketErrorCode}",
        IOException => "connection reset",
        _ => exception.HttpRequestError == HttpRequestError.Unknown ? "request failed" : $"request failed: {exception.HttpRequestError}",
    };

    private sealed record Response(int? StatusCode, string? Error, string? Body, TimeSpan? RetryAfter)
    {
        public IReadOnlyDictionary<string, string>? Headers { get; init; }
    }
}
