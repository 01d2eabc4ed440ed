using Azure;
using Azure.Core;

namespace WebhookHub.Azure.ServiceBus;

/// <summary>
/// Receives from one queue or subscription in peek-lock mode over the REST API, and settles what it received. For hosting outside
/// Azure Functions (in Azure the Functions host's <c>serviceBusTrigger</c> receives). Thread-safe.
/// </summary>
/// <remarks>
/// Peek-lock gives at-least-once delivery: a message whose lock expires before <see cref="CompleteAsync"/> is delivered again
/// with a higher <see cref="ServiceBusReceivedMessage.DeliveryCount"/>, and after the entity's <c>maxDeliveryCount</c> it is
/// dead-lettered. Settling a message whose lock is gone fails with status 404.
/// </remarks>
public sealed class ServiceBusReceiver
{
    private readonly ServiceBusRestClient _client;

    internal ServiceBusReceiver(ServiceBusRestClient client, string entityPath)
    {
        _client = client;
        EntityPath = ServiceBusEndpoint.ValidateEntityPath(entityPath);
    }

    /// <summary>The queue name, or <c>{topic}/subscriptions/{subscription}</c>.</summary>
    public string EntityPath { get; }

    /// <summary>
    /// Receives and locks the next message: <c>POST {namespace}/{entity}/messages/head?timeout={seconds}</c> (empty body).
    /// Service Bus answers 201 with the message as soon as one is available, or 204 when none came within the timeout.
    /// Source: https://learn.microsoft.com/rest/api/servicebus/peek-lock-message-non-destructive-read
    /// </summary>
    /// <param name="serverTimeout">How long Service Bus waits for a message (long polling), sent in whole seconds, rounded up.
    /// The request's network timeout is stretched to cover it.</param>
    /// <param name="ct">Cancels the receive.</param>
    /// <returns>The locked message, or null on 204.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="serverTimeout"/> is negative.</exception>
    /// <exception cref="ServiceBusRequestException">A non-2xx answer (e.g. 410 no such entity), no answer, or a 201 without
    /// <c>BrokerProperties</c>/<c>LockToken</c> or with a <c>Location</c> outside the namespace.</exception>
    public async Task<ServiceBusReceivedMessage?> ReceiveAsync(TimeSpan serverTimeout, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(serverTimeout, TimeSpan.Zero);
        var seconds = (long)Math.Ceiling(serverTimeout.TotalSeconds);
        var uri = ServiceBusEndpoint.Entity(_client.Endpoint, EntityPath, "messages/head?timeout=" + seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var message = _client.CreateMessage(RequestMethod.Post, uri);
        message.Request.Content = RequestContent.Create(ReadOnlyMemory<byte>.Empty);
        var needed = TimeSpan.FromSeconds(seconds) + ServiceBusDefaults.ReceiveNetworkSlack;
        if (needed > _client.NetworkTimeout) message.NetworkTimeout = needed;

        var response = await _client.SendAsync(message, EntityPath, "receive", ct).ConfigureAwait(false);
        return response.Status == 204 ? null : Parse(response);
    }

    /// <summary>Completes (deletes) a received message: <c>DELETE {Location}</c>; Service Bus answers 200.
    /// Source: https://learn.microsoft.com/rest/api/servicebus/delete-message</summary>
    /// <exception cref="ArgumentException">The message's <see cref="ServiceBusReceivedMessage.Location"/> is not on this client's namespace.</exception>
    /// <exception cref="ServiceBusRequestException">A non-2xx answer (404: the lock is lost or the message is gone), or no answer.</exception>
    public Task CompleteAsync(ServiceBusReceivedMessage message, CancellationToken ct = default) =>
        SettleAsync(message, RequestMethod.Delete, "complete a message", ct);

    /// <summary>Abandons a received message (unlocks it for redelivery now): <c>PUT {Location}</c>; Service Bus answers 200.
    /// Source: https://learn.microsoft.com/rest/api/servicebus/unlock-message</summary>
    /// <exception cref="ArgumentException">The message's <see cref="ServiceBusReceivedMessage.Location"/> is not on this client's namespace.</exception>
    /// <exception cref="ServiceBusRequestException">A non-2xx answer (404: the lock is lost), or no answer.</exception>
    public Task AbandonAsync(ServiceBusReceivedMessage message, CancellationToken ct = default) =>
        SettleAsync(message, RequestMethod.Put, "abandon a message", ct);

    /// <summary>Renews a received message's lock for another lock duration: <c>POST {Location}</c>; Service Bus answers 200.
    /// <see cref="ServiceBusReceivedMessage.LockedUntil"/> keeps the value it was received with.
    /// Source: https://learn.microsoft.com/rest/api/servicebus/renew-lock-for-a-message</summary>
    /// <exception cref="ArgumentException">The message's <see cref="ServiceBusReceivedMessage.Location"/> is not on this client's namespace.</exception>
    /// <exception cref="ServiceBusRequestException">A non-2xx answer (404: the lock is lost), or no answer.</exception>
    public Task RenewLockAsync(ServiceBusReceivedMessage message, CancellationToken ct = default) =>
        SettleAsync(message, RequestMethod.Post, "renew a message lock", ct);

    private async Task SettleAsync(ServiceBusReceivedMessage message, RequestMethod method, string operation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!ServiceBusEndpoint.IsOnNamespace(_client.Endpoint, message.Location))
        {
            // The request carries this namespace's credential: never send it anywhere else.
            throw new ArgumentException($"The message's Location is not on the namespace {_client.Endpoint.Authority}; it was received through another client.", nameof(message));
        }

        using var request = _client.CreateMessage(method, message.Location);
        if (method != RequestMethod.Delete) request.Request.Content = RequestContent.Create(ReadOnlyMemory<byte>.Empty);
        await _client.SendAsync(request, EntityPath, operation, ct).ConfigureAwait(false);
    }

    private ServiceBusReceivedMessage Parse(Response response)
    {
        const string operation = "receive";
        if (!response.Headers.TryGetValue("BrokerProperties", out var brokerProperties) || string.IsNullOrWhiteSpace(brokerProperties))
        {
            throw ServiceBusRestClient.ContractViolation(response, EntityPath, operation, "no BrokerProperties header");
        }

        if (!response.Headers.TryGetValue("Location", out var locationText)
            || !Uri.TryCreate(_client.Endpoint, locationText, out var location)
            || !ServiceBusEndpoint.IsOnNamespace(_client.Endpoint, location))
        {
            throw ServiceBusRestClient.ContractViolation(response, EntityPath, operation, "no Location header on the namespace");
        }

        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            if (!ApplicationProperties.IsProtocolHeader(header.Name)) properties[header.Name] = ApplicationProperties.FromHeaderValue(header.Value);
        }

        response.Headers.TryGetValue("Content-Type", out var contentType);
        var body = response.Content is null ? ReadOnlyMemory<byte>.Empty : response.Content.ToMemory();
        try
        {
            return BrokerProperties.ToReceivedMessage(brokerProperties, body, location, contentType, properties);
        }
        catch (FormatException e)
        {
            throw ServiceBusRestClient.ContractViolation(response, EntityPath, operation, e.Message);
        }
    }
}
