using System.Net.Sockets;
using System.Text;
using WebhookHub.Tenancy;

namespace WebhookHub.Delivery;

/// <summary>
/// Sends one delivery attempt and records its outcome: POST the original bytes with the original <c>Content-Type</c>, signed with
/// Standard Webhooks headers, then judge the answer by the <see cref="ResponseRules"/>: 2xx succeeds; 410 Gone and the receiver's
/// <c>webhook-delivery: disable</c> disable the subscription and dead-letter the delivery; <c>webhook-delivery: abort-message</c>
/// and the permanent status codes dead-letter it; everything else (3xx, other 4xx, 5xx, DNS and connection errors, timeouts) is
/// retried on the <see cref="RetrySchedule"/> for the subscription and event type, honouring <c>Retry-After</c> on 429 and 503
/// and adding the overload penalty after 429 and timeouts, and dead-lettered when the schedule runs out. Every dead-lettered
/// delivery carries its reason in <see cref="WebhookDelivery.LastError"/>. Redirects are not followed (the handler must have
/// <c>AllowAutoRedirect = false</c>). Thread-safe.
/// </summary>
/// <remarks>
/// Headers sent: <c>webhook-id</c> (the event ID, the same on every attempt and every subscription), <c>webhook-timestamp</c>
/// (Unix seconds of this attempt), <c>webhook-signature</c>, <c>webhookhub-event-type</c>, <c>webhookhub-source-id</c>,
/// <c>webhookhub-delivery-id</c> and <c>webhookhub-attempt</c> (one-based). Response headers read: <c>Retry-After</c>
/// (RFC 9110 §10.2.3, on 429 and 503) and <c>webhook-delivery</c> (see <see cref="ReceiverDirectives"/>).
/// </remarks>
public sealed class Deliverer(
    HttpClient httpClient, IDeliveryStore store, ITenantStore tenants, RetrySchedule schedule, DeliveryOptions options, TimeProvider timeProvider)
{
    private readonly TimeSpan _timeout = options.Timeout;
    private readonly int _maxResponseBytes = options.MaxResponseBodyBytes;
    private readonly ResponseRules _rules = new(options);

    /// <summary>Makes one attempt and records it (and disables the subscription when the answer says so); returns the recorded attempt.</summary>
    /// <param name="job">The claimed delivery with its event and subscription.</param>
    /// <param name="cancellationToken">Shutdown: when cancelled mid-attempt nothing is recorded, and the lease lets another worker retry.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<DeliveryAttempt> DeliverAsync(DeliveryJob job, CancellationToken cancellationToken = default)
    {
        var delivery = job.Delivery;
        var subscription = job.Subscription;
        var attemptNumber = delivery.AttemptCount + 1;
        var startedAt = timeProvider.GetUtcNow();
        var started = timeProvider.GetTimestamp();

        Response? response = null;
        AttemptJudgement judgement;
        if (subscription.Active)
        {
            response = await SendAsync(job, attemptNumber, startedAt, cancellationToken).ConfigureAwait(false);
            judgement = _rules.Judge(response.Result);
        }
        else
        {
            // The engine's last disable, dated: it may predate a re-enable and a later manual disable by the tenant.
            var reason = subscription.Health is { DisabledReason: { } why, DisabledAt: { } at }
                ? $"subscription is inactive (disabled {at.UtcDateTime:yyyy'-'MM'-'dd HH':'mm':'ss}Z: {why})"
                : "subscription is inactive";
            judgement = new AttemptJudgement(AttemptVerdict.DeadLetter, reason, null, false);
        }

        var duration = (long)timeProvider.GetElapsedTime(started).TotalMilliseconds;
        var now = timeProvider.GetUtcNow();
        var retryIndex = delivery.RetryIndex + 1;
        var (status, delay, error) = Decide(job, judgement, response?.Result.RetryAfter, retryIndex);
        if (judgement.DisableReason is { } disableReason) await DisableAsync(subscription, disableReason, now).ConfigureAwait(false);

        var updated = delivery with
        {
            Status = status,
            AttemptCount = attemptNumber,
            RetryIndex = retryIndex,
            NextAttemptAt = delay is { } d ? now + d : now,
            UpdatedAt = now,
            LastStatusCode = response?.Result.StatusCode,
            LastError = error,
        };
        var attempt = new DeliveryAttempt(delivery.Id, attemptNumber, startedAt, duration, response?.Result.StatusCode, error, response?.Body, status)
        {
            ResponseHeaders = response?.Headers,
        };
        await store.RecordAttemptAsync(updated, attempt, CancellationToken.None).ConfigureAwait(false);
        return attempt;
    }

    private (DeliveryStatus Status, TimeSpan? Delay, string? Error) Decide(DeliveryJob job, AttemptJudgement judgement, TimeSpan? retryAfter, int retryIndex)
    {
        switch (judgement.Verdict)
        {
            case AttemptVerdict.Succeeded:
                return (DeliveryStatus.Succeeded, null, null);
            case AttemptVerdict.DeadLetter:
                return (DeliveryStatus.Dead, null, judgement.Error);
            default:
                var delays = schedule.DelaysFor(job.Subscription.Settings, job.Event.EventType);
                var delay = schedule.NextDelay(delays, retryIndex, retryAfter, judgement.Overloaded);
                return delay is null
                    ? (DeliveryStatus.Dead, null, $"retries exhausted after {retryIndex} attempt{(retryIndex == 1 ? "" : "s")}: {judgement.Error}")
                    : (DeliveryStatus.Failed, delay, judgement.Error);
        }
    }

    /// <summary>Marks the subscription inactive with the reason in its health; a subscription already inactive keeps its first reason.</summary>
    private async Task DisableAsync(Subscription subscription, string reason, DateTimeOffset now)
    {
        var current = await tenants.GetSubscriptionAsync(subscription.TenantId, subscription.Id, CancellationToken.None).ConfigureAwait(false);
        if (current is not { Active: true }) return;
        await tenants.UpdateSubscriptionHealthAsync(current.TenantId, current.Id, active: false, current.Health.MarkDisabled(reason, now), CancellationToken.None).ConfigureAwait(false);
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
            var retryAfter = code is 429 or 503 && response.Headers.TryGetValues("Retry-After", out var retryAfterValues)
                ? RetryAfter.Parse(retryAfterValues.FirstOrDefault(), timeProvider.GetUtcNow())
                : null;
            var directive = ReceiverDirectives.Parse(response.Headers.TryGetValues(ReceiverDirectives.HeaderName, out var values) ? values : null);
            return new Response(AttemptResult.Response(code, retryAfter, directive), body) { Headers = ResponseHeaderFilter.Filter(response) };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Response(AttemptResult.NoResponse($"timed out after {_timeout.TotalSeconds:0.###} s", timedOut: true), null);
        }
        catch (HttpRequestException exception) when (!cancellationToken.IsCancellationRequested)
        {
            return new Response(AttemptResult.NoResponse(Describe(exception)), null);
        }
    }

    private async Task<string?> ReadTruncatedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (_maxResponseBytes == 0) return null;
        if (response.Content.Headers.ContentLength == 0) return null;
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(_maxResponseBytes);
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var read = await stream.ReadAtLeastAsync(buffer.AsMemory(0, _maxResponseBytes), _maxResponseBytes, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            return read == 0 ? null : Encoding.UTF8.GetString(buffer, 0, read);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string Describe(HttpRequestException exception) => exception.InnerException switch
    {
        SsrfBlockedException blocked => "blocked by SSRF guard: " + blocked.Message,
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } socket =>
            $"DNS resolution failed: {socket.SocketErrorCode}",
        _ when exception.HttpRequestError == HttpRequestError.NameResolutionError => "DNS resolution failed",
        SocketException socket => $"connection failed: {socket.SocketErrorCode}",
        IOException => "connection reset",
        _ => exception.HttpRequestError == HttpRequestError.Unknown ? "request failed" : $"request failed: {exception.HttpRequestError}",
    };

    private sealed record Response(AttemptResult Result, string? Body)
    {
        public IReadOnlyDictionary<string, string>? Headers { get; init; }
    }
}
