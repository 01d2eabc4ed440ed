using System.Security.Cryptography;

namespace WebhookHub.Providers;

/// <summary>Verifies an HMAC of the raw body as a <see cref="BodyHmacScheme"/> describes. Immutable and thread-safe.</summary>
internal sealed class BodyHmacVerifier(BodyHmacScheme scheme) : IWebhookVerifier
{
    public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
    {
        var value = request.Headers.Get(scheme.Header);
        if (string.IsNullOrEmpty(value)) return VerificationResult.Rejected(VerificationStatus.MissingSignature);
        if (!value.StartsWith(scheme.Prefix, StringComparison.OrdinalIgnoreCase)) return VerificationResult.Rejected(VerificationStatus.MalformedSignature);

        var candidate = value.AsSpan(scheme.Prefix.Length).Trim();
        Span<byte> mac = stackalloc byte[SignatureMath.MaxMacBytes];
        Span<byte> keyScratch = stackalloc byte[256];
        foreach (var secret in secrets)
        {
            var length = SignatureMath.Hmac(scheme.Algorithm, SignatureMath.Utf8(secret, keyScratch), default, request.Body.Span, mac);
            var matches = scheme.Base64
                ? SignatureMath.Base64Equals(candidate, mac[..length])
                : SignatureMath.HexEquals(candidate, mac[..length]);
            if (matches) return ReadEvent(request);
        }

        return VerificationResult.Rejected(VerificationStatus.InvalidSignature);
    }

    private VerificationResult ReadEvent(WebhookRequest request)
    {
        var id = scheme.IdHeader is not null ? request.Headers.Get(scheme.IdHeader)
            : scheme.IdPointer is not null ? JsonFields.ReadPointer(request.Body, scheme.IdPointer)
            : Convert.ToHexStringLower(SHA256.HashData(request.Body.Span));
        if (string.IsNullOrEmpty(id)) return VerificationResult.Rejected(VerificationStatus.MissingEventId);

        var type = scheme.TypeHeader is not null ? request.Headers.Get(scheme.TypeHeader)
            : scheme.TypePointer is not null ? JsonFields.ReadPointer(request.Body, scheme.TypePointer)
            : null;
        return VerificationResult.Verified(id, type);
    }
}
