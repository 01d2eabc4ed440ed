namespace WebhookHub.Providers;

/// <summary>The parts of an inbound webhook request that a provider scheme signs: headers and the raw body bytes.</summary>
/// <param name="Headers">The request headers.</param>
/// <param name="Body">The body exactly as received; never re-serialised.</param>
public readonly record struct WebhookRequest(IWebhookHeaders Headers, ReadOnlyMemory<byte> Body);
