using System.Security.Cryptography;
using System.Text;

namespace WebhookHub.Providers;

/// <summary>
/// The signature check of the Standard Webhooks scheme, shared by <see cref="StandardWebhooks"/> and by providers that sign
/// that way (GitLab's signing token): headers <c>webhook-id</c>, <c>webhook-timestamp</c> (Unix seconds) and
/// <c>webhook-signature</c> (or their <c>svix-*</c> names), the signature a space-separated list of <c>v1,&lt;base64 HMAC-SHA256&gt;</c>
/// (key: base64 after <c>whsec_</c>) or <c>v1a,&lt;base64 Ed25519&gt;</c> (secret <c>whpk_</c> + base64 public key) over
/// <c>"{id}.{timestamp}.{raw body}"</c>.
/// Source: https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md.
/// </summary>
internal static class StandardWebhooksSignature
{
    /// <summary>The header holding the signature list.</summary>
    public const string SignatureHeader = "webhook-signature";

    /// <summary>The prefix of an Ed25519 public key secret, for <c>v1a</c> signatures.</summary>
    public const string PublicKeyPrefix = "whpk_";

    /// <summary>
    /// Checks the headers and signature of <paramref name="headers"/> and <paramref name="body"/> against every secret.
    /// Returns <see cref="VerificationStatus.Verified"/> with <paramref name="id"/> set to <c>webhook-id</c>, or the rejection
    /// status (<see cref="VerificationStatus.MissingSignature"/>, <see cref="VerificationStatus.MalformedSignature"/>,
    /// <see cref="VerificationStatus.StaleTimestamp"/>, <see cref="VerificationStatus.InvalidSignature"/>).
    /// </summary>
    public static VerificationStatus Verify(IWebhookHeaders headers, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets,
        DateTimeOffset now, TimeSpan tolerance, out string id)
    {
        id = headers.Get("webhook-id") ?? headers.Get("svix-id") ?? "";
        var timestamp = headers.Get("webhook-timestamp") ?? headers.Get("svix-timestamp");
        var signature = headers.Get(SignatureHeader) ?? headers.Get("svix-signature");
        if (string.IsNullOrEmpty(signature) || id.Length == 0 || string.IsNullOrEmpty(timestamp)) return VerificationStatus.MissingSignature;
        if (!Timestamps.TryParseUnixSeconds(timestamp, out var seconds) || id.Length > 256) return VerificationStatus.MalformedSignature;
        if (!Timestamps.IsFresh(seconds, now, tolerance)) return VerificationStatus.StaleTimestamp;

        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        Span<byte> mac = stackalloc byte[32];
        foreach (var secret in secrets)
        {
            if (secret.StartsWith(PublicKeyPrefix, StringComparison.Ordinal))
            {
                if (VerifiesAsymmetric(secret, prefix, body, signature)) return VerificationStatus.Verified;
                continue;
            }

            if (SignatureMath.DecodeWhsec(secret) is not { } key) continue;
            SignatureMath.Hmac(HashAlgorithmName.SHA256, key, prefix, body, mac);
            foreach (var range in signature.AsSpan().Split(' '))
            {
                var item = signature.AsSpan(range);
                if (item.StartsWith("v1,") && SignatureMath.Base64Equals(item[3..], mac)) return VerificationStatus.Verified;
            }
        }

        return VerificationStatus.InvalidSignature;
    }

    private static bool VerifiesAsymmetric(string secret, byte[] prefix, ReadOnlySpan<byte> body, string signatures)
    {
        if (SignatureMath.DecodeBase64(secret.AsSpan(PublicKeyPrefix.Length)) is not { Length: Ed25519.PublicKeyBytes } publicKey) return false;
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        foreach (var item in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (item.StartsWith("v1a,", StringComparison.Ordinal) && SignatureMath.DecodeBase64(item.AsSpan(4)) is { } signature
                && Ed25519.Verify(publicKey, content, signature))
            {
                return true;
            }
        }

        return false;
    }
}
