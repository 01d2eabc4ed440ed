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
}
