using System.Security.Cryptography;

namespace WebhookHub.Providers;

/// <summary>
/// Razorpay: <c>X-Razorpay-Signature</c> is the hex HMAC-SHA256 of the raw body keyed with the UTF-8 webhook secret.
/// Event ID is <c>x-razorpay-event-id</c> (the same on retries); event type is the body's <c>event</c> (for example
/// <c>payment.captured</c>). Razorpay signs no timestamp.
/// Source: https://razorpay.com/docs/webhooks/validate-test/.
/// </summary>
/// <remarks>Options: none.</remarks>
public sealed class Razorpay : IProviderScheme
{
    private static readonly BodyHmacVerifier Verifier = new(new BodyHmacScheme(
        "X-Razorpay-Signature", HashAlgorithmName.SHA256, Base64: false, IdHeader: "x-razorpay-event-id", TypePointer: "/event"));

    /// <inheritdoc/>
    public string Name => "razorpay";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options);
        return Verifier;
    }
}
