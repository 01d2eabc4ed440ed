using Azure.Core;
using Azure.Core.Pipeline;

namespace WebhookHub.Azure.ServiceBus;

/// <summary>
/// A Service Bus namespace reached over its REST API (https://learn.microsoft.com/rest/api/servicebus/) on Azure.Core's
/// <see cref="HttpPipeline"/>, authenticated with SAS tokens (a connection string) or Microsoft Entra tokens. It stands in for
/// Azure.Messaging.ServiceBus, which the package source here cannot restore. Thread-safe; make one per namespace and keep it.
/// </summary>
public sealed class ServiceBusClient
{
    private readonly ServiceBusRestClient _client;

    private ServiceBusClient(ServiceBusRestClient client) => _client = client;

    /// <summary>
    /// A client authenticated with Microsoft Entra tokens for scope <c>https://servicebus.azure.net/.default</c> through
    /// Azure.Core's <see cref="BearerTokenAuthenticationPolicy"/> (the identity needs Azure Service Bus Data Sender and/or Receiver).
    /// Azure.Core sends bearer tokens over https only.
    /// </summary>
    /// <param name="fullyQualifiedNamespace"><c>{ns}.servicebus.windows.net</c>, or an <c>sb://</c>/<c>https://</c> endpoint.</param>
    /// <param name="credential">For example <c>DefaultAzureCredential</c>.</param>
    /// <param name="options">Pipeline and client options; copied.</param>
    /// <exception cref="FormatException"><paramref name="fullyQualifiedNamespace"/> is not a namespace.</exception>
    public ServiceBusClient(string fullyQualifiedNamespace, TokenCredential credential, ServiceBusClientOptions? options = null)
        : this(new ServiceBusRestClient(
            ServiceBusEndpoint.Parse(fullyQualifiedNamespace),
            new BearerTokenAuthenticationPolicy(credential ?? throw new ArgumentNullException(nameof(credential)), ServiceBusDefaults.EntraScope),
            options ?? new ServiceBusClientOptions(),
            sharedAccessKey: null))
    {
    }

    /// <summary>The namespace endpoint requests go to, with a trailing slash (<c>https://{ns}.servicebus.windows.net/</c>).</summary>
    public Uri Endpoint => _client.Endpoint;

    /// <summary>
    /// A client authenticated with SAS tokens made from a connection string,
    /// <c>Endpoint=sb://{ns}.servicebus.windows.net/;SharedAccessKeyName=…;SharedAccessKey=…</c> (<c>EntityPath</c> and other
    /// keys are ignored). <c>sb://</c> becomes <c>https://</c>; an <c>http://</c> or <c>https://</c> endpoint (an emulator or a
    /// test server such as <c>http://127.0.0.1:5000/</c>) is used as it is. One token per namespace, valid for
    /// <see cref="ServiceBusClientOptions.SasTokenLifetime"/>, is cached and refreshed before it expires.
    /// </summary>
    /// <param name="connectionString">The connection string; it holds a key, so it is never logged or put in a message.</param>
    /// <param name="options">Pipeline and client options; copied.</param>
    /// <exception cref="FormatException">The connection string lacks Endpoint, SharedAccessKeyName or SharedAccessKey, or the endpoint is malformed.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="ServiceBusClientOptions.SasTokenLifetime"/> is under 2 seconds,
    /// or <see cref="ServiceBusClientOptions.MaxBatchSizeInBytes"/> under 1024.</exception>
    public static ServiceBusClient FromConnectionString(string connectionString, ServiceBusClientOptions? options = null)
    {
        var parts = ServiceBusConnectionString.Parse(connectionString);
        options ??= new ServiceBusClientOptions();
        var sas = new SharedAccessSignaturePolicy(parts.KeyName, parts.Key, options.TimeProvider ?? TimeProvider.System, options.SasTokenLifetime);
        return new ServiceBusClient(new ServiceBusRestClient(parts.Endpoint, sas, options, parts.Key));
    }

    /// <summary>A sender for a queue or topic.</summary>
    /// <param name="entityPath">The queue or topic name.</param>
    /// <exception cref="ArgumentException">The name is empty or malformed.</exception>
    public ServiceBusSender CreateSender(string entityPath) => new(_client, entityPath);

    /// <summary>A peek-lock receiver for a queue.</summary>
    /// <exception cref="ArgumentException">The name is empty or malformed.</exception>
    public ServiceBusReceiver CreateReceiver(string queueName) => new(_client, ServiceBusEndpoint.ValidateEntityPath(queueName, nameof(queueName)));

    /// <summary>A peek-lock receiver for a topic subscription (entity path <c>{topic}/subscriptions/{subscription}</c>).</summary>
    /// <exception cref="ArgumentException">A name is empty or malformed.</exception>
    public ServiceBusReceiver CreateReceiver(string topicName, string subscriptionName) =>
        new(_client, ServiceBusEndpoint.ValidateEntityPath(topicName, nameof(topicName)) + "/subscriptions/" + ServiceBusEndpoint.ValidateEntityPath(subscriptionName, nameof(subscriptionName)));
}
