using System.Text;

namespace WebhookHub.Providers;

/// <summary>
/// Generic HTTP Basic authentication (RFC 7617) for providers that put credentials in the webhook URL or an
/// <c>Authorization: Basic base64(user:password)</c> header instead of signing. A source secret is <c>user:password</c>; the
/// decoded header must equal one of them, compared in constant time. The body is not authenticated: use HTTPS.
/// </summary>
/// <remarks>Options: <c>idHeader</c>/<c>idPointer</c>/<c>typeHeader</c>/<c>typePointer</c> (see <see cref="EventLocator"/>).</remarks>
public sealed class Basic : IProviderScheme
{
    /// <inheritdoc/>
    public string Name => "basic";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options, EventLocator.OptionNames);
        return new BasicVerifier(EventLocator.FromOptions(options));
    }

    /// <inheritdoc/>
    public void ValidateSecret(string secret) => BasicVerifier.ValidateSecret(secret);
}

/// <summary>Checks <c>Authorization: Basic</c> against <c>user:password</c> secrets; shared by <see cref="Basic"/> and <see cref="Postmark"/>.</summary>
internal sealed class BasicVerifier(EventLocator events) : IWebhookVerifier
{
    /// <exception cref="ProviderOptionsException">The secret is not <c>user:password</c>.</exception>
    public static void ValidateSecret(string secret)
    {
        if (secret.IndexOf(':') <= 0) throw new ProviderOptionsException("A Basic authentication secret has the form 'user:password'.");
    }

    public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
    {
        var header = request.Headers.Get("Authorization");
        if (string.IsNullOrEmpty(header)) return VerificationResult.Rejected(VerificationStatus.MissingSignature);
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return VerificationResult.Rejected(VerificationStatus.MalformedSignature);

        var encoded = header.AsSpan(6).Trim();
        Span<byte> decoded = stackalloc byte[512];
        if (encoded.Length > 680 || !Convert.TryFromBase64Chars(encoded, decoded, out var written))
        {
            return VerificationResult.Rejected(VerificationStatus.MalformedSignature);
        }

        return SharedSecret.MatchesAny(Encoding.UTF8.GetString(decoded[..written]), secrets)
            ? events.Read(request)
            : VerificationResult.Rejected(VerificationStatus.InvalidSignature);
    }
}
