using System.Security.Cryptography;

namespace WebhookHub.Providers;

/// <summary>
/// Bitbucket Cloud: <c>X-Hub-Signature: sha256=&lt;64 hex&gt;</c>, the HMAC-SHA256 of the raw body keyed with the UTF-8 webhook
/// secret (a webhook saved without a secret sends no signature and is rejected). One signature per request; no timestamp is
/// signed, so there is no tolerance.
/// Source: https://support.atlassian.com/bitbucket-cloud/docs/manage-webhooks/.
/// </summary>
/// <remarks>
/// <para>Event ID is the <c>X-Request-UUID</c> header (the UUID of the request; <c>X-Hook-UUID</c> names the webhook, not the
/// event); event type is <c>X-Event-Key</c> (for example <c>repo:push</c>, <c>pullrequest:created</c>). Header list:
/// https://support.atlassian.com/bitbucket-cloud/docs/event-payloads/. No handshake.</para>
/// <para>Options: none.</para>
/// </remarks>
public sealed class Bitbucket : IProviderScheme
{
    private static readonly BodyHmacVerifier Verifier = new(new BodyHmacScheme(
        "X-Hub-Signature", HashAlgorithmName.SHA256, Base64: false, Prefix: "sha256=", IdHeader: "X-Request-UUID", TypeHeader: "X-Event-Key"));

    /// <inheritdoc/>
    public string Name => "bitbucket";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options);
        return Verifier;
    }
}
