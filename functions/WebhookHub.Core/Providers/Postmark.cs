namespace WebhookHub.Providers;

/// <summary>
/// Postmark: webhooks are not signed; Postmark authenticates with HTTP Basic credentials embedded in the webhook URL
/// (<c>https://user:password@host/…</c>), which arrive as <c>Authorization: Basic …</c>. A source secret is <c>user:password</c>.
/// Postmark sends no event ID, and a retry resends the same bytes, so the event ID is the lowercase hex SHA-256 of the body;
/// the event type is the body's <c>RecordType</c> (<c>Delivery</c>, <c>Bounce</c>, <c>SpamComplaint</c>, <c>Open</c>,
/// <c>Click</c>, <c>SubscriptionChange</c>; inbound-message webhooks have none). No timestamp is signed.
/// Source: https://postmarkapp.com/developer/webhooks/webhooks-overview (Protecting your webhook).
/// </summary>
/// <remarks>Options: none.</remarks>
public sealed class Postmark : IProviderScheme
{
    private static readonly BasicVerifier Verifier = new(new EventLocator(null, null, null, "/RecordType"));

    /// <inheritdoc/>
    public string Name => "postmark";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options);
        return Verifier;
    }

    /// <inheritdoc/>
    public void ValidateSecret(string secret) => BasicVerifier.ValidateSecret(secret);
}
