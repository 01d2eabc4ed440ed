using System.Security.Cryptography;

namespace WebhookHub.Providers;

/// <summary>
/// Intercom: <c>X-Hub-Signature: sha1=&lt;40 hex&gt;</c>, the HMAC-SHA1 (RFC 2104) of the raw JSON body keyed with the UTF-8
/// secret: the app's client secret for Developer Hub webhooks (the <c>hub_secret</c> of a subscription in the older API
/// plays the same part). Only one signature is sent and no timestamp is signed, so there is no tolerance.
/// Source: https://developers.intercom.com/intercom-api-reference/v1.0/reference/signed-notifications.
/// </summary>
/// <remarks>
/// <para>Every body is a <c>notification_event</c>: the event ID is its top-level <c>id</c> (<c>notif_…</c>, the same on
/// retries), the event type its <c>topic</c> (for example <c>conversation.user.created</c>). A test notification has topic
/// <c>ping</c> and is stored like any other event; Intercom needs no special answer, so there is no handshake.</para>
/// <para>Options: none.</para>
/// </remarks>
public sealed class Intercom : IProviderScheme
{
    private static readonly BodyHmacVerifier Verifier = new(new BodyHmacScheme(
        "X-Hub-Signature", HashAlgorithmName.SHA1, Base64: false, Prefix: "sha1=", IdPointer: "/id", TypePointer: "/topic"));

    /// <inheritdoc/>
    public string Name => "intercom";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options);
        return Verifier;
    }
}
