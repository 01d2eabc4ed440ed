namespace WebhookHub.Providers;

/// <summary>
/// Standard Webhooks (and Svix): headers <c>webhook-id</c>, <c>webhook-timestamp</c> (Unix seconds) and <c>webhook-signature</c>,
/// a space-separated list of <c>v1,&lt;base64&gt;</c>, each the HMAC-SHA256 of <c>"{id}.{timestamp}.{raw body}"</c> keyed with the
/// base64-decoded secret after its <c>whsec_</c> prefix. The <c>svix-*</c> header names are accepted too. Event ID is
/// <c>webhook-id</c>; event type the body's <c>type</c>. Default tolerance 300 s. A secret given as a public key,
/// <c>whpk_</c> + base64 of the 32-byte Ed25519 key, verifies the asymmetric <c>v1a,&lt;base64 Ed25519 signature&gt;</c>
/// entries over the same content instead.
/// Source: https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md.
/// </summary>
/// <remarks>Options: <c>toleranceSeconds</c>.</remarks>
public sealed class StandardWebhooks : IProviderScheme
{
    /// <summary>Default timestamp tolerance: 300 seconds, as the specification recommends.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    /// <summary>The prefix of an Ed25519 public key secret, for <c>v1a</c> signatures.</summary>
    public const string PublicKeyPrefix = StandardWebhooksSignature.PublicKeyPrefix;

    /// <inheritdoc/>
    public string Name => "standardwebhooks";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options, ProviderOptions.ToleranceSeconds);
        return new Verifier(ProviderOptions.Tolerance(options, DefaultTolerance));
    }

    /// <inheritdoc/>
    void IProviderScheme.ValidateSecret(string secret) => ValidateSecret(secret);

    /// <summary>Validates that a configured secret is <c>whsec_</c> + base64 (or bare base64), or <c>whpk_</c> + base64 of a 32-byte key.</summary>
    /// <exception cref="ProviderOptionsException">The secret is not base64, or a <c>whpk_</c> key is not 32 bytes.</exception>
    public static void ValidateSecret(string secret)
    {
        if (secret.StartsWith(PublicKeyPrefix, StringComparison.Ordinal))
        {
            if (SignatureMath.DecodeBase64(secret.AsSpan(PublicKeyPrefix.Length)) is not { Length: Ed25519.PublicKeyBytes })
            {
                throw new ProviderOptionsException("A Standard Webhooks public key must be 'whpk_' followed by the base64 of 32 bytes.");
            }

            return;
        }

        if (SignatureMath.DecodeWhsec(secret) is not { Length: > 0 })
        {
            throw new ProviderOptionsException("A Standard Webhooks secret must be 'whsec_' followed by base64.");
        }
    }

    private sealed class Verifier(TimeSpan tolerance) : IWebhookVerifier
    {
        public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
        {
            var status = StandardWebhooksSignature.Verify(request.Headers, request.Body.Span, secrets, now, tolerance, out var id);
            if (status != VerificationStatus.Verified) return VerificationResult.Rejected(status);

            JsonFields.TryReadTopLevel(request.Body.Span, "type", null, out var type, out _);
            return VerificationResult.Verified(id, type);
        }
    }
}
