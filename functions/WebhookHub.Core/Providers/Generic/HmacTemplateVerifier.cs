using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;

namespace WebhookHub.Providers;

/// <summary>How a generic HMAC secret's text becomes key bytes.</summary>
internal enum SecretEncoding { Utf8, Hex, Base64 }

/// <summary>How a generic HMAC timestamp header is written.</summary>
internal enum TimestampFormat { UnixSeconds, UnixMilliseconds, Rfc3339 }

/// <summary>The parsed options of the generic <see cref="Hmac"/> scheme.</summary>
internal sealed record HmacSettings(
    string Header,
    HashAlgorithmName Algorithm,
    bool Base64,
    string Prefix,
    char? Separator,
    SecretEncoding SecretEncoding,
    SignedContent Content,
    string? TimestampHeader,
    TimestampFormat TimestampFormat,
    TimeSpan Tolerance,
    EventLocator Events);

/// <summary>Verifies the generic <see cref="Hmac"/> scheme. Immutable and thread-safe.</summary>
internal sealed class HmacTemplateVerifier(HmacSettings settings) : IWebhookVerifier
{
    public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
    {
        var header = request.Headers.Get(settings.Header);
        if (string.IsNullOrEmpty(header)) return VerificationResult.Rejected(VerificationStatus.MissingSignature);
        if (settings.TimestampHeader is not null)
        {
            var timestamp = request.Headers.Get(settings.TimestampHeader);
            if (string.IsNullOrEmpty(timestamp)) return VerificationResult.Rejected(VerificationStatus.MissingSignature);
            if (!TryParse(timestamp, out var signedAt)) return VerificationResult.Rejected(VerificationStatus.MalformedSignature);
            if ((now - signedAt).Duration() > settings.Tolerance) return VerificationResult.Rejected(VerificationStatus.StaleTimestamp);
        }

        if (!HasPrefixedCandidate(header)) return VerificationResult.Rejected(VerificationStatus.MalformedSignature);

        var content = settings.Content.Render(request, out var length);
        if (content is null) return VerificationResult.Rejected(VerificationStatus.MissingSignature);
        try
        {
            Span<byte> mac = stackalloc byte[SignatureMath.MaxMacBytes];
            Span<byte> keyScratch = stackalloc byte[256];
            foreach (var secret in secrets)
            {
                if (!TryKey(secret, keyScratch, out var key)) continue;
                var macLength = SignatureMath.Hmac(settings.Algorithm, key, default, content.AsSpan(0, length), mac);
                if (AnyCandidateMatches(header, mac[..macLength])) return settings.Events.Read(request);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(content);
        }

        return VerificationResult.Rejected(VerificationStatus.InvalidSignature);
    }

    private bool HasPrefixedCandidate(string header)
    {
        foreach (var range in Candidates(header))
        {
            if (header.AsSpan(range).Trim().StartsWith(settings.Prefix, StringComparison.OrdinalIgnoreCase)) return true;
        }

        return false;
    }

    private bool AnyCandidateMatches(string header, ReadOnlySpan<byte> mac)
    {
        var matched = false;
        foreach (var range in Candidates(header))
        {
            var candidate = header.AsSpan(range).Trim();
            if (!candidate.StartsWith(settings.Prefix, StringComparison.OrdinalIgnoreCase)) continue;
            candidate = candidate[settings.Prefix.Length..];
            matched |= settings.Base64 ? SignatureMath.Base64Equals(candidate, mac) : SignatureMath.HexEquals(candidate, mac);
        }

        return matched;
    }

    private MemoryExtensions.SpanSplitEnumerator<char> Candidates(string header) =>
        settings.Separator is { } separator ? header.AsSpan().Split(separator) : header.AsSpan().Split('\0');

    private bool TryKey(string secret, Span<byte> scratch, out ReadOnlySpan<byte> key)
    {
        key = default;
        switch (settings.SecretEncoding)
        {
            case SecretEncoding.Hex:
                if (secret.Length / 2 > scratch.Length || Convert.FromHexString(secret, scratch, out _, out var hexBytes) != OperationStatus.Done) return false;
                key = scratch[..hexBytes];
                return true;
            case SecretEncoding.Base64:
                var text = secret.AsSpan(secret.StartsWith("whsec_", StringComparison.Ordinal) ? 6 : 0);
                if (!Convert.TryFromBase64Chars(text, scratch, out var base64Bytes)) return false;
                key = scratch[..base64Bytes];
                return true;
            default:
                key = SignatureMath.Utf8(secret, scratch);
                return true;
        }
    }

    private bool TryParse(string text, out DateTimeOffset signedAt)
    {
        signedAt = default;
        switch (settings.TimestampFormat)
        {
            case TimestampFormat.Rfc3339:
                return Timestamps.TryParseRfc3339(text, out signedAt);
            default:
                if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return false;
                var milliseconds = settings.TimestampFormat == TimestampFormat.UnixMilliseconds;
                if (value > (milliseconds ? 253_402_300_799_999 : 253_402_300_799)) return false;
                signedAt = milliseconds ? DateTimeOffset.FromUnixTimeMilliseconds(value) : DateTimeOffset.FromUnixTimeSeconds(value);
                return true;
        }
    }
}
