using System.Security.Cryptography;
using System.Text.Json;

namespace WebhookHub.Providers;

/// <summary>
/// Xero webhooks: <c>x-xero-signature</c> is the standard-base64 HMAC-SHA256 of the raw body keyed with the UTF-8 bytes of the
/// app's webhook key (the key text as shown, not base64-decoded). One signature per request; Xero signs no timestamp.
/// Source: https://developer.xero.com/documentation/webhooks/configuring-your-server.
/// </summary>
/// <remarks>
/// <para>Xero wants every accepted request answered 200 with no body, so every verified result carries an empty
/// <c>text/plain</c> reply. Intent to receive: Xero posts payloads with an empty <c>events</c> array, some correctly signed
/// (expects 200, empty body) and some not (expects 401). A correctly signed payload whose <c>events</c> is empty is a handshake:
/// answered with an empty body and stored nowhere; a wrongly signed one is rejected like any forgery.</para>
/// <para>Event ID: Xero gives none, and one payload may hold several events, so it is the lowercase hex SHA-256 of the raw body
/// (each payload carries a random <c>entropy</c> and its event sequence numbers; a retry repeats the body). Event type:
/// <c>{eventCategory}.{eventType}</c> as Xero spells them (for example <c>INVOICE.UPDATE</c>) when every event in the payload
/// has the same pair, else <c>batch</c>. Options: none.</para>
/// </remarks>
public sealed class Xero : IProviderScheme
{
    /// <summary>The event type of a payload whose events differ in category or type.</summary>
    public const string BatchEventType = "batch";

    private static readonly ProviderReply EmptyReply = new("text/plain", "");

    /// <inheritdoc/>
    public string Name => "xero";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options);
        return Verifier.Instance;
    }

    private sealed class Verifier : IWebhookVerifier
    {
        public static readonly Verifier Instance = new();

        public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
        {
            var signature = request.Headers.Get("x-xero-signature");
            if (string.IsNullOrEmpty(signature)) return VerificationResult.Rejected(VerificationStatus.MissingSignature);

            Span<byte> mac = stackalloc byte[32];
            Span<byte> keyScratch = stackalloc byte[256];
            foreach (var secret in secrets)
            {
                SignatureMath.Hmac(HashAlgorithmName.SHA256, SignatureMath.Utf8(secret, keyScratch), default, request.Body.Span, mac);
                if (SignatureMath.Base64Equals(signature.AsSpan().Trim(), mac)) return ReadPayload(request.Body);
            }

            return VerificationResult.Rejected(VerificationStatus.InvalidSignature);
        }

        private static VerificationResult ReadPayload(ReadOnlyMemory<byte> body)
        {
            string? type = null;
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement is { ValueKind: JsonValueKind.Object } root
                    && root.TryGetProperty("events", out var events) && events.ValueKind == JsonValueKind.Array)
                {
                    if (events.GetArrayLength() == 0) return VerificationResult.Handshake(EmptyReply);
                    type = CommonType(events);
                }
            }
            catch (JsonException)
            {
                // An authentic body that is not JSON is still stored, with no event type.
            }

            return VerificationResult.Verified(EventLocator.BodyHash(body.Span), type, EmptyReply);
        }

        private static string? CommonType(JsonElement events)
        {
            string? common = null;
            foreach (var item in events.EnumerateArray())
            {
                var category = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("eventCategory", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                var kind = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("eventType", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                var type = category is null || kind is null ? null : $"{category}.{kind}";
                if (type is null) return BatchEventType;
                if (common is null) common = type;
                else if (!string.Equals(common, type, StringComparison.Ordinal)) return BatchEventType;
            }

            return common;
        }
    }
}
