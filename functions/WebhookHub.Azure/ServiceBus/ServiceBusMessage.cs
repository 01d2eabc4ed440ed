namespace WebhookHub.Azure.ServiceBus;

/// <summary>
/// A message to send to a Service Bus queue or topic over the REST API: the body bytes, the broker properties Service Bus
/// understands (carried in the <c>BrokerProperties</c> header or, in a batch, the <c>BrokerProperties</c> object), and
/// application properties (custom HTTP headers or, in a batch, <c>UserProperties</c>).
/// </summary>
/// <remarks>
/// Formats: https://learn.microsoft.com/rest/api/servicebus/message-headers-and-properties. Only the properties that are set
/// go on the wire. Sending does not change the message: the <c>Diagnostic-Id</c> a send adds from <see cref="System.Diagnostics.Activity.Current"/>
/// is written to the request only, so the same message can be sent again later under another trace.
/// </remarks>
public sealed class ServiceBusMessage
{
    /// <summary>Creates a message with the given body.</summary>
    /// <param name="body">The payload, sent byte for byte (in a batch it must be UTF-8 text, see <see cref="ServiceBusSender.SendBatchAsync"/>).</param>
    public ServiceBusMessage(ReadOnlyMemory<byte> body) => Body = body;

    /// <summary>The payload bytes.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>
    /// <c>BrokerProperties.MessageId</c>: the key of the entity's duplicate detection (a second message with the same ID inside
    /// the entity's detection window is accepted and dropped). WebhookHub sets the stable event or delivery ID.
    /// </summary>
    /// <value>Empty: Service Bus assigns one.</value>
    public string? MessageId { get; set; }

    /// <summary><c>BrokerProperties.SessionId</c>: messages with the same session ID are received in order by one receiver
    /// (session-enabled entities only).</summary>
    /// <value>Empty.</value>
    public string? SessionId { get; set; }

    /// <summary><c>BrokerProperties.CorrelationId</c>.</summary>
    /// <value>Empty.</value>
    public string? CorrelationId { get; set; }

    /// <summary>The application's label for the message, <c>BrokerProperties.Label</c> on the wire.</summary>
    /// <value>Empty.</value>
    public string? Subject { get; set; }

    /// <summary>
    /// The MIME type of <see cref="Body"/>, sent as the request's <c>Content-Type</c> on a single send. A batch send cannot carry
    /// it (the request's content type is the batch format), so batched messages arrive without it.
    /// </summary>
    /// <value><c>application/json</c>.</value>
    public string ContentType { get; set; } = "application/json";

    /// <summary>
    /// <c>BrokerProperties.ScheduledEnqueueTimeUtc</c>: the message stays invisible until this time. The wire format is RFC 1123
    /// (whole seconds, GMT), so a time with a fraction of a second is rounded UP to the next second: a scheduled message never
    /// becomes visible before the time asked for.
    /// </summary>
    /// <value>Empty: enqueued at once.</value>
    public DateTimeOffset? ScheduledEnqueueTime { get; set; }

    /// <summary><c>BrokerProperties.TimeToLive</c>, sent as a number of seconds (fractions kept); after it the message expires.</summary>
    /// <value>Empty: the entity's default time to live.</value>
    public TimeSpan? TimeToLive { get; set; }

    /// <summary>
    /// Application (custom) properties, names compared without regard to case. On a single send each one is an HTTP header whose
    /// value is the string in double quotes (the reference's marker for a string property); in a batch they are the message's
    /// <c>UserProperties</c>. A <c>Diagnostic-Id</c> set here wins over the one taken from the current activity.
    /// </summary>
    public IDictionary<string, string> ApplicationProperties { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}
