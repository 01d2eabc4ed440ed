namespace WebhookHub.Providers;

/// <summary>
/// The answer a provider expects from WebhookHub: the reply to a handshake (nothing stored), or the acknowledgement some
/// providers require for an accepted event (Discord's deferred interaction response, Adyen's <c>[accepted]</c>).
/// </summary>
/// <param name="ContentType">The response's <c>Content-Type</c>, for example <c>application/json</c>; ignored when <paramref name="Body"/> is empty.</param>
/// <param name="Body">The response body; may be empty.</param>
public sealed record ProviderReply(string ContentType, string Body)
{
    /// <summary>The HTTP status code.</summary>
    /// <value>200.</value>
    public int StatusCode { get; init; } = 200;

    /// <summary>Extra response headers (for example CloudEvents' <c>WebHook-Allowed-Origin</c>).</summary>
    /// <value>None.</value>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;
}
