namespace WebhookHub.Delivery;

/// <summary>One HTTP attempt of a delivery, as recorded.</summary>
/// <param name="DeliveryId">The delivery.</param>
/// <param name="AttemptNumber">One-based, over the delivery's whole life.</param>
/// <param name="StartedAt">When the request started.</param>
/// <param name="DurationMilliseconds">Wall time from sending to the response body read (or failure), in milliseconds.</param>
/// <param name="StatusCode">The HTTP status, or <see langword="null"/> when no response arrived.</param>
/// <param name="Error">Why it failed (timeout, connection refused, blocked address, status), or <see langword="null"/> on success.</param>
/// <param name="ResponseBody">The start of the response body, truncated to the configured size, as UTF-8 text.</param>
/// <param name="Outcome">The delivery's status after this attempt.</param>
public sealed record DeliveryAttempt(
    string DeliveryId,
    int AttemptNumber,
    DateTimeOffset StartedAt,
    long DurationMilliseconds,
    int? StatusCode,
    string? Error,
    string? ResponseBody,
    DeliveryStatus Outcome)
{
    /// <summary>
    /// The response's headers as stored: lowercase names, credentials redacted, capped in count and size (see
    /// <see cref="ResponseHeaderFilter"/>); <see langword="null"/> when no response arrived.
    /// </summary>
    /// <value><see langword="null"/>.</value>
    public IReadOnlyDictionary<string, string>? ResponseHeaders { get; init; }
}
