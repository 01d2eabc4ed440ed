using System.Security.Cryptography;

namespace WebhookHub.Providers;

/// <summary>
/// GitLab webhooks, authenticated one of two ways.
/// <list type="bullet">
/// <item>Signing token (Standard Webhooks): when a <c>webhook-signature</c> header is present, it must verify as
/// <see cref="StandardWebhooks"/> does: <c>v1,&lt;base64&gt;</c>, the HMAC-SHA256 of <c>"{webhook-id}.{webhook-timestamp}.{raw body}"</c>
/// keyed with the base64-decoded signing token after its <c>whsec_</c> prefix (32 bytes); <c>webhook-timestamp</c> in Unix
/// seconds, default tolerance 300 s; every <c>v1</c> entry is tried. <c>X-Gitlab-Token</c> is then ignored.</item>
/// <item>Secret token: otherwise <c>X-Gitlab-Token</c> must equal one of the source's secrets (compared in constant time over
/// their SHA-256 digests). It signs nothing, so the body and time are not protected; prefer the signing token.</item>
/// </list>
/// Source: https://docs.gitlab.com/user/project/integrations/webhooks/.
/// </summary>
/// <remarks>
/// <para>Event ID: <c>webhook-id</c> when signed (GitLab sets it to the <c>Idempotency-Key</c>), else <c>Idempotency-Key</c>
/// (the same on retries), else <c>X-Gitlab-Event-UUID</c> (older GitLab), else the lowercase hex SHA-256 of the body.
/// Event type: the body's <c>object_kind</c> (for example <c>merge_request</c>), else its <c>event_name</c> (system hooks),
/// else the <c>X-Gitlab-Event</c> header (for example <c>Push Hook</c>). No handshake.</para>
/// <para>Options: <c>toleranceSeconds</c> (signing token only). A secret starting with <c>whsec_</c> must encode 32 bytes, as
/// GitLab requires of signing tokens; any other non-empty text is a secret token.</para>
/// </remarks>
public sealed class GitLab : IProviderScheme
{
    /// <summary>Default timestamp tolerance for signed deliveries: 300 seconds, as the Standard Webhooks specification recommends.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    /// <summary>The header carrying the secret token.</summary>
    public const string TokenHeader = "X-Gitlab-Token";

    /// <inheritdoc/>
    public string Name => "gitlab";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options, ProviderOptions.ToleranceSeconds);
        return new Verifier(ProviderOptions.Tolerance(options, DefaultTolerance));
    }

    /// <inheritdoc/>
    void IProviderScheme.ValidateSecret(string secret) => ValidateSecret(secret);

    /// <summary>Validates that a <c>whsec_</c> secret is the base64 of a 32-byte key; other secrets are secret tokens.</summary>
    /// <exception cref="ProviderOptionsException">A <c>whsec_</c> secret does not encode 32 bytes.</exception>
    public static void ValidateSecret(string secret)
    {
        if (secret.StartsWith("whsec_", StringComparison.Ordinal) && SignatureMath.DecodeWhsec(secret) is not { Length: 32 })
        {
            throw new ProviderOptionsException("A GitLab signing token must be 'whsec_' followed by the base64 of 32 bytes.");
        }
    }

    private sealed class Verifier(TimeSpan tolerance) : IWebhookVerifier
    {
        public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
        {
            var headers = request.Headers;
            if (headers.Get(StandardWebhooksSignature.SignatureHeader) is not null)
            {
                var status = StandardWebhooksSignature.Verify(headers, request.Body.Span, secrets, now, tolerance, out var id);
                return status == VerificationStatus.Verified ? VerificationResult.Verified(id, EventType(request)) : VerificationResult.Rejected(status);
            }

            var token = headers.Get(TokenHeader);
            if (string.IsNullOrEmpty(token)) return VerificationResult.Rejected(VerificationStatus.MissingSignature);

            if (!SharedSecret.MatchesAny(token, secrets)) return VerificationResult.Rejected(VerificationStatus.InvalidSignature);

            var eventId = headers.Get("Idempotency-Key") is { Length: > 0 } key ? key
                : headers.Get("X-Gitlab-Event-UUID") is { Length: > 0 } uuid ? uuid
                : EventLocator.BodyHash(request.Body.Span);
            return VerificationResult.Verified(eventId, EventType(request));
        }

        private static string? EventType(WebhookRequest request) =>
            JsonFields.TryReadTopLevel(request.Body.Span, "object_kind", "event_name", out var kind, out var name)
                && (kind ?? name) is { Length: > 0 } type
                ? type
                : request.Headers.Get("X-Gitlab-Event");
    }
}
