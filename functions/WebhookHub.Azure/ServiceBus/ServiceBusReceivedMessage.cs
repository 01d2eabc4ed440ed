namespace WebhookHub.Azure.ServiceBus;

/// <summary>
/// A message received in peek-lock mode: the body, the broker properties parsed from the <c>BrokerProperties</c> response header,
/// the application properties from the custom response headers, and the <see cref="Location"/> that settles it.
/// </summary>
/// <remarks>Source: https://learn.microsoft.com/rest/api/servicebus/peek-lock-message-non-destructive-read (response headers) and
/// https://learn.microsoft.com/rest/api/servicebus/message-headers-and-properties (property names and formats).</remarks>
public sealed class ServiceBusReceivedMessage
{
    internal ServiceBusReceivedMessage(
        ReadOnlyMemory<byte> body,
        string lockToken,
        Uri location,
        IReadOnlyDictionary<string, string> applicationProperties)
    {
        Body = body;
        LockToken = lockToken;
        Location = location;
        ApplicationProperties = applicationProperties;
    }

    /// <summary>The payload bytes, exactly as received.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary><c>BrokerProperties.MessageId</c>.</summary>
    public string? MessageId { get; init; }

    /// <summary><c>BrokerProperties.DeliveryCount</c>: 1 on the first delivery, one more after each abandon or lock expiry.</summary>
    public int DeliveryCount { get; init; }

    /// <summary><c>BrokerProperties.SequenceNumber</c>, unique and increasing within the entity.</summary>
    public long SequenceNumber { get; init; }

    /// <summary><c>BrokerProperties.LockToken</c>: the lock this receiver holds (also the last segment of <see cref="Location"/>).</summary>
    public string LockToken { get; }

    /// <summary><c>BrokerProperties.LockedUntilUtc</c>: when the lock expires unless renewed (RFC 1123 on the wire, whole seconds).</summary>
    public DateTimeOffset? LockedUntil { get; init; }

    /// <summary><c>BrokerProperties.EnqueuedTimeUtc</c> (RFC 1123 on the wire).</summary>
    public DateTimeOffset? EnqueuedTime { get; init; }

    /// <summary><c>BrokerProperties.SessionId</c>.</summary>
    public string? SessionId { get; init; }

    /// <summary><c>BrokerProperties.CorrelationId</c>.</summary>
    public string? CorrelationId { get; init; }

    /// <summary><c>BrokerProperties.Label</c>.</summary>
    public string? Subject { get; init; }

    /// <summary>The response's <c>Content-Type</c>: the content type the sender gave.</summary>
    public string? ContentType { get; init; }

    /// <summary><c>BrokerProperties.TimeToLive</c> (seconds on the wire).</summary>
    public TimeSpan? TimeToLive { get; init; }

    /// <summary>Application properties from the custom response headers, names compared without regard to case; a value the
    /// broker sent in double quotes (a string property) is given without them.</summary>
    public IReadOnlyDictionary<string, string> ApplicationProperties { get; }

    /// <summary>The locked message's URI from the <c>Location</c> response header,
    /// <c>{namespace}/{entity}/messages/{sequenceNumber}/{lockToken}</c>: DELETE completes, PUT abandons (unlocks), POST renews the lock.</summary>
    public Uri Location { get; }
}
