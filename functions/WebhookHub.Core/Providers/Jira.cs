using System.Security.Cryptography;

namespace WebhookHub.Providers;

/// <summary>
/// Jira Cloud (Atlassian) admin webhooks registered with a secret: <c>X-Hub-Signature: sha256=&lt;64 hex&gt;</c> (the WebSub
/// <c>method=signature</c> form, method <c>sha256</c>), the HMAC-SHA256 of the raw body keyed with the UTF-8 secret. One
/// signature per request; no timestamp is signed, so there is no tolerance. Webhooks registered by Connect or OAuth 2.0 apps
/// are authenticated with a JWT instead and are not covered by this scheme.
/// Source: https://developer.atlassian.com/cloud/jira/platform/webhooks/#secure-admin-webhooks.
/// </summary>
/// <remarks>
/// <para>Event ID is the <c>X-Atlassian-Webhook-Identifier</c> header (unique per webhook and unchanged across retries, see
/// the page's retry policy); event type is the body's <c>webhookEvent</c> (for example <c>jira:issue_created</c>). No
/// handshake.</para>
/// <para>Options: none.</para>
/// </remarks>
public sealed class Jira : IProviderScheme
{
    private static readonly BodyHmacVerifier Verifier = new(new BodyHmacScheme(
        "X-Hub-Signature", HashAlgorithmName.SHA256, Base64: false, Prefix: "sha256=", IdHeader: "X-Atlassian-Webhook-Identifier",
        TypePointer: "/webhookEvent"));

    /// <inheritdoc/>
    public string Name => "jira";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options);
        return Verifier;
    }
}
