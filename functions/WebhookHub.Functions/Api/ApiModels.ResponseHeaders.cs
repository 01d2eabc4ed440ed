namespace WebhookHub.Functions.Api;

public sealed partial record AttemptResponse
{
    /// <summary>
    /// The receiver's response headers: lowercase names, values of credentials (cookies, authorization, anything named like a
    /// token, key, secret, signature or session) shown as <c>[redacted]</c>, at most 32 headers and 4096 characters; absent when
    /// no response arrived.
    /// </summary>
    public IReadOnlyDictionary<string, string>? ResponseHeaders { get; init; }
}
