namespace WebhookHub.Providers;

/// <summary>The answer to a provider's handshake, sent with status 200 instead of storing an event.</summary>
/// <param name="ContentType">The response's <c>Content-Type</c>, for example <c>application/json</c>.</param>
/// <param name="Body">The response body.</param>
public sealed record HandshakeResponse(string ContentType, string Body);
