namespace WebhookHub.Azure.ServiceBus;

/// <summary>
/// Service Bus settings, bound from <c>WebhookHub:ServiceBus</c> (environment: <c>WebhookHub__ServiceBus__Name</c>); used when
/// <c>WebhookHub:Messaging</c> is <c>ServiceBus</c>. The namespace comes from <see cref="ConnectionString"/> (SAS) or, the deployed
/// shape, from <c>ServiceBusConnection__fullyQualifiedNamespace</c>, the same setting the Functions host's
/// <c>serviceBusTrigger</c> bindings use, so the sender and the triggers cannot point at different namespaces.
/// </summary>
public sealed class ServiceBusOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "WebhookHub:ServiceBus";

    /// <summary>The identity-based connection setting shared with the Functions host (<c>ServiceBusConnection__fullyQualifiedNamespace</c>).</summary>
    public const string NamespaceSetting = "ServiceBusConnection:fullyQualifiedNamespace";

    /// <summary>A connection string with a shared access key (development only); when empty, Microsoft Entra is used.</summary>
    /// <value>Empty.</value>
    public string? ConnectionString { get; set; }

    /// <summary>The topic every stored event is published to, one message per event.</summary>
    /// <value><c>events</c>.</value>
    public string EventsTopic { get; set; } = "events";

    /// <summary>The subscription of <see cref="EventsTopic"/> that the dispatch function reads.</summary>
    /// <value><c>dispatch</c>.</value>
    public string DispatchSubscription { get; set; } = "dispatch";

    /// <summary>The queue of deliveries, one message per due attempt (retries are scheduled messages).</summary>
    /// <value><c>deliveries</c>.</value>
    public string DeliveriesQueue { get; set; } = "deliveries";
}
