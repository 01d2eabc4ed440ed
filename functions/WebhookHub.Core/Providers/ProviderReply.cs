namespace WebhookHub.Providers;

/// <summary>
/// A body the provider expects in WebhookHub's 200 answer: the reply to a handshake (nothing stored), or the acknowledgement
/// some providers require for an accepted event (Discord's deferred interaction response).
/// </summary>
/// <param name="ContentType">The response's <c>Content-Type</c>, for example <c>application/json</c>.</param>
/// <param name="Body">The response body.</param>
public sealed record ProviderReply(string ContentType, string Body);
