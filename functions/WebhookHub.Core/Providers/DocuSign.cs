using System.Security.Cryptography;
using System.Text.Json;

namespace WebhookHub.Providers;

/// <summary>
/// DocuSign Connect with HMAC security: <c>X-DocuSign-Signature-1</c>, <c>X-DocuSign-Signature-2</c>, … (one numbered header
/// per HMAC key active on the Connect configuration, up to 100), each the standard base64 of the HMAC-SHA256 of the raw body.
/// The key is the HMAC key text exactly as DocuSign shows it, taken as UTF-8 bytes (it looks like base64 but is not decoded).
/// Any header matching any of the source's secrets verifies. <c>x-authorization-digest</c> names the algorithm
/// (<c>HMACSHA256</c>) and is not needed. No timestamp is signed, so there is no tolerance.
/// Source: https://developers.docusign.com/platform/webhooks/connect/validate/.
/// </summary>
/// <remarks>
/// <para>DocuSign sends no event ID, and the body's <c>retryCount</c> changes between retries, so the body hash cannot serve.
/// For JSON SIM messages (https://developers.docusign.com/platform/webhooks/connect/json-sim-event-model/) the event ID is
/// <c>"{data.envelopeId}/{event}/{generatedDateTime}"</c>, with <c>/{data.recipientId}</c> inserted before the time for
/// recipient events; other bodies (legacy XML) fall back to the lowercase hex SHA-256 of the body. Event type is the body's
/// <c>event</c> (for example <c>envelope-completed</c>), absent for XML. No handshake.</para>
/// <para>Options: none. The secret must be base64 text, as DocuSign generates it; a key pasted without its final <c>=</c> is
/// refused by <see cref="ValidateSecret"/>.</para>
/// </remarks>
public sealed class DocuSign : IProviderScheme
{
    /// <summary>Most HMAC keys a Connect configuration can hold, and so most signature headers read.</summary>
    public const int MaxSignatures = 100;

    private static readonly string[] SignatureHeaders = Enumerable.Range(1, MaxSignatures).Select(i => $"X-DocuSign-Signature-{i}").ToArray();

    /// <inheritdoc/>
    public string Name => "docusign";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options);
        return Verifier.Instance;
    }

    /// <inheritdoc/>
    void IProviderScheme.ValidateSecret(string secret) => ValidateSecret(secret);

    /// <summary>Validates that a configured secret is base64 text, the shape of the HMAC keys DocuSign generates.</summary>
    /// <exception cref="ProviderOptionsException">The secret is not base64.</exception>
    public static void ValidateSecret(string secret)
    {
        if (SignatureMath.DecodeBase64(secret) is not { Length: > 0 })
        {
            throw new ProviderOptionsException("A DocuSign Connect HMAC key is the base64 text DocuSign generated, usually 44 characters ending in '='.");
        }
    }

    private sealed class Verifier : IWebhookVerifier
    {
        public static readonly Verifier Instance = new();

        public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
        {
            var count = 0;
            var wellFormed = false;
            Span<byte> decoded = stackalloc byte[48];
            while (count < MaxSignatures && request.Headers.Get(SignatureHeaders[count]) is { } value)
            {
                wellFormed |= Convert.TryFromBase64Chars(value.AsSpan().Trim(), decoded, out var written) && written == 32;
                count++;
            }

            if (count == 0) return VerificationResult.Rejected(VerificationStatus.MissingSignature);
            if (!wellFormed) return VerificationResult.Rejected(VerificationStatus.MalformedSignature);

            Span<byte> mac = stackalloc byte[32];
            Span<byte> keyScratch = stackalloc byte[256];
            foreach (var secret in secrets)
            {
                SignatureMath.Hmac(HashAlgorithmName.SHA256, SignatureMath.Utf8(secret, keyScratch), default, request.Body.Span, mac);
                for (var i = 0; i < count; i++)
                {
                    if (SignatureMath.Base64Equals(request.Headers.Get(SignatureHeaders[i]).AsSpan().Trim(), mac)) return ReadEvent(request.Body);
                }
            }

            return VerificationResult.Rejected(VerificationStatus.InvalidSignature);
        }

        private static VerificationResult ReadEvent(ReadOnlyMemory<byte> body)
        {
            string? type = null, id = null;
            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    type = JsonFields.String(root, "event");
                    var generated = JsonFields.String(root, "generatedDateTime");
                    var data = root.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
                    var envelope = JsonFields.String(data, "envelopeId");
                    if (type is not null && generated is not null && envelope is not null)
                    {
                        id = JsonFields.String(data, "recipientId") is { } recipient
                            ? $"{envelope}/{type}/{recipient}/{generated}"
                            : $"{envelope}/{type}/{generated}";
                    }
                }
            }
            catch (JsonException)
            {
                // Legacy XML messages: fall back to the body hash below.
            }

            return VerificationResult.Verified(id ?? EventLocator.BodyHash(body.Span), type);
        }
    }
}
