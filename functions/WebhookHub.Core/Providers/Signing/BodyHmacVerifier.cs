namespace WebhookHub.Providers;

/// <summary>Verifies an HMAC of the raw body as a <see cref="BodyHmacScheme"/> describes. Immutable and thread-safe.</summary>
internal sealed class BodyHmacVerifier(BodyHmacScheme scheme) : IWebhookVerifier
{
    private readonly EventLocator _events = new(scheme.IdHeader, scheme.IdPointer, scheme.TypeHeader, scheme.TypePointer);

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
            if (matches) return _events.Read(request);
        }

        return VerificationResult.Rejected(VerificationStatus.InvalidSignature);
    }
}
