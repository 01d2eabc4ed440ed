using System.Security.Cryptography;

namespace WebhookHub.Providers;

/// <summary>
/// Typeform: <c>Typeform-Signature: sha256=&lt;base64&gt;</c>, the standard base64 of the HMAC-SHA256 of the raw body keyed with
/// the UTF-8 secret set on the webhook through the Webhooks API. One signature per request; no timestamp is signed, so there
/// is no tolerance.
/// Source: https://www.typeform.com/developers/webhooks/secure-your-webhooks/.
/// </summary>
/// <remarks>
/// <para>Event ID is the body's <c>event_id</c> (the same on retries); event type its <c>event_type</c> (for example
/// <c>form_response</c>). No handshake: test deliveries from the Typeform admin are ordinary signed events.</para>
/// <para>Options: none.</para>
/// </remarks>
public sealed class Typeform : IProviderScheme
{
    private static readonly BodyHmacVerifier Verifier = new(new BodyHmacScheme(
        "Typeform-Signature", HashAlgorithmName.SHA256, Base64: true, Prefix: "sha256=", IdPointer: "/event_id", TypePointer: "/event_type"));

    /// <inheritdoc/>
    public string Name => "typeform";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options);
        return Verifier;
    }
}
