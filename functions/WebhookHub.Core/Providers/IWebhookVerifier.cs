namespace WebhookHub.Providers;

/// <summary>
/// Verifies webhooks for one source: a provider scheme bound to that source's options.
/// Implementations are immutable and thread-safe.
/// </summary>
public interface IWebhookVerifier
{
    /// <summary>Verifies <paramref name="request"/> against every secret in <paramref name="secrets"/> and extracts the event ID and type.</summary>
    /// <param name="request">Headers and raw body.</param>
    /// <param name="secrets">The source's active signing secrets, as configured (for example <c>whsec_…</c>); any one may match.</param>
    /// <param name="now">The current time, for timestamp tolerance.</param>
    VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now);

    /// <summary>
    /// Whether this provider sends requests with <paramref name="method"/>: every provider posts its webhooks, and some answer
    /// a handshake on <c>GET</c> (Meta, Dropbox, Okta) or <c>OPTIONS</c> (CloudEvents). Other methods get 405 without verification.
    /// </summary>
    /// <param name="method">The HTTP method, upper case.</param>
    bool AllowsMethod(string method) => method == "POST";
}
