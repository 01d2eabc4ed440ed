using Azure.Core;

namespace WebhookHub.Azure.ServiceBus;

/// <summary>
/// Sends messages to one queue or topic over the REST API. Thread-safe; make one per entity and keep it.
/// </summary>
/// <remarks>
/// Every send carries a <c>Diagnostic-Id</c> application property with the W3C <c>traceparent</c> of
/// <see cref="System.Diagnostics.Activity.Current"/> when there is one and the message does not set it; the Functions host's
/// Service Bus trigger continues the trace from it. A send that Azure.Core retries after a lost answer may enqueue the message
/// twice; set <see cref="ServiceBusMessage.MessageId"/> and turn duplicate detection on for the entity to make that harmless.
/// </remarks>
public sealed class ServiceBusSender
{
    private readonly ServiceBusRestClient _client;

    internal ServiceBusSender(ServiceBusRestClient client, string entityPath)
    {
        _client = client;
        EntityPath = ServiceBusEndpoint.ValidateEntityPath(entityPath);
    }

    /// <summary>The queue or topic this sender sends to.</summary>
    public string EntityPath { get; }

    /// <summary>
    /// Sends one message: <c>POST {namespace}/{entity}/messages</c> with the body as the request body, the message's
    /// <c>Content-Type</c>, a <c>BrokerProperties</c> header holding the broker properties that are set (none: no header), and
    /// one header per application property, its value in double quotes. Service Bus answers 201.
    /// Source: https://learn.microsoft.com/rest/api/servicebus/send-message-to-queue
    /// </summary>
    /// <param name="message">The message; it is not changed.</param>
    /// <param name="ct">Cancels the send.</param>
    /// <exception cref="ArgumentException">An application property cannot be an HTTP header (see <see cref="ServiceBusMessage.ApplicationProperties"/>),
    /// or the time to live is not positive.</exception>
    /// <exception cref="ServiceBusRequestException">Service Bus answered outside 2xx after Azure.Core's retries (e.g. 401, 403
    /// message too large or quota exceeded, 410 no such entity), or could not be reached.</exception>
    public async Task SendAsync(ServiceBusMessage message, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var brokerProperties = BrokerProperties.ToHeaderValue(message);
        var properties = ApplicationProperties.ForSend(message);
        var headers = properties.Select(p => (p.Key, Value: ApplicationProperties.ToHeaderValue(p.Key, p.Value))).ToList();

        using var request = _client.CreateMessage(RequestMethod.Post, ServiceBusEndpoint.Entity(_client.Endpoint, EntityPath, "messages"));
        request.Request.Content = RequestContent.Create(message.Body);
        request.Request.Headers.SetValue(HttpHeader.Names.ContentType, message.ContentType);
        if (brokerProperties is not null) request.Request.Headers.SetValue("BrokerProperties", brokerProperties);
        foreach (var (name, value) in headers) request.Request.Headers.SetValue(name, value);
        await _client.SendAsync(request, EntityPath, "send a message", ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends several messages in as few requests as fit <see cref="ServiceBusClientOptions.MaxBatchSizeInBytes"/>, in order:
    /// <c>POST {namespace}/{entity}/messages</c> with <c>Content-Type: application/vnd.microsoft.servicebus.json</c> and a JSON
    /// array of <c>{"Body":"…","BrokerProperties":{…},"UserProperties":{…}}</c>. No messages: no request.
    /// Source: https://learn.microsoft.com/rest/api/servicebus/send-message-batch
    /// </summary>
    /// <remarks>
    /// The batch format carries a body as a JSON string, so bodies must be UTF-8 text (JSON payloads are), and it has no place
    /// for <see cref="ServiceBusMessage.ContentType"/>. When a batch needs several requests and one fails, the requests before
    /// it have been sent; sending the whole batch again is safe when every message has a <see cref="ServiceBusMessage.MessageId"/>
    /// and the entity detects duplicates.
    /// </remarks>
    /// <param name="messages">The messages; they are not changed.</param>
    /// <param name="ct">Cancels the send.</param>
    /// <exception cref="ArgumentException">A body is not UTF-8 text, a message alone exceeds the size limit, or a time to live is not positive.</exception>
    /// <exception cref="ServiceBusRequestException">Service Bus answered outside 2xx after Azure.Core's retries, or could not be reached.</exception>
    public async Task SendBatchAsync(IReadOnlyList<ServiceBusMessage> messages, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var bodies = MessageBatch.Split(messages, _client.MaxBatchSizeInBytes);
        var uri = ServiceBusEndpoint.Entity(_client.Endpoint, EntityPath, "messages");
        foreach (var body in bodies)
        {
            using var request = _client.CreateMessage(RequestMethod.Post, uri);
            request.Request.Content = RequestContent.Create(body);
            request.Request.Headers.SetValue(HttpHeader.Names.ContentType, MessageBatch.ContentType);
            await _client.SendAsync(request, EntityPath, "send a batch", ct).ConfigureAwait(false);
        }
    }
}
