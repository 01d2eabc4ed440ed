using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace WebhookHub.Providers;

/// <summary>
/// Adyen webhooks, keyed with the HMAC key from the Customer Area: a hex string whose decoded bytes are the HMAC-SHA256 key.
/// Two schemes, told apart by the <c>HmacSignature</c> header.
/// <list type="bullet">
/// <item>Standard (payment) webhooks, no <c>HmacSignature</c> header: JSON <c>{"live":…,"notificationItems":[{"NotificationRequestItem":{…}}]}</c>.
/// Each item's <c>additionalData.hmacSignature</c> is the standard-base64 HMAC-SHA256 of the UTF-8 text
/// <c>pspReference:originalReference:merchantAccountCode:merchantReference:amount.value:amount.currency:eventCode:success</c>,
/// fields joined by <c>:</c> as they appear (numbers as their JSON text, absent fields empty) and not escaped: the
/// backslash/colon escaping belongs to Adyen's key-value (hosted payment pages) signing, not to webhooks. Every item must
/// verify under the same key. Only these fields are signed, not the rest of the body.</item>
/// <item>Balance Platform, Management and other platform webhooks: header <c>HmacSignature</c> is the standard-base64
/// HMAC-SHA256 of the raw body.</item>
/// </list>
/// Adyen signs no timestamp. Source: https://docs.adyen.com/development-resources/webhooks/secure-webhooks/verify-hmac-signatures.
/// </summary>
/// <remarks>
/// <para>Standard webhooks: event ID <c>{eventCode}:{pspReference}:{success}</c> (Adyen's duplicate key; an AUTHORISATION that
/// failed and one that succeeded differ), joined by <c>,</c> for several items; event type <c>eventCode</c> (for example
/// <c>AUTHORISATION</c>) when all items share it, else <c>batch</c>. An accepted one is answered <c>[accepted]</c>
/// (<c>text/plain</c>), as Adyen expects.</para>
/// <para>Platform webhooks: event ID the lowercase hex SHA-256 of the raw body (they carry no event ID); event type the body's
/// <c>type</c>, for example <c>balancePlatform.accountHolder.created</c>; WebhookHub's own 200 answer. Options: none.</para>
/// </remarks>
public sealed class Adyen : IProviderScheme
{
    /// <summary>The event type of a standard webhook whose items differ in <c>eventCode</c>.</summary>
    public const string BatchEventType = "batch";

    /// <summary>The acknowledgement Adyen expects for standard webhooks.</summary>
    public static readonly ProviderReply Accepted = new("text/plain", "[accepted]");

    private const int MaxKeyBytes = 64;

    /// <inheritdoc/>
    public string Name => "adyen";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options);
        return Verifier.Instance;
    }

    /// <inheritdoc/>
    void IProviderScheme.ValidateSecret(string secret) => ValidateSecret(secret);

    /// <summary>Validates that a configured secret is an HMAC key in hex: an even number of hex digits, 32 to 128 of them.</summary>
    /// <exception cref="ProviderOptionsException">It is not.</exception>
    public static void ValidateSecret(string secret)
    {
        Span<byte> key = stackalloc byte[MaxKeyBytes];
        if (DecodeKey(secret, key) is < 16)
        {
            throw new ProviderOptionsException("An Adyen secret is the webhook's HMAC key: 32 to 128 hex digits (64 as the Customer Area generates it).");
        }
    }

    /// <summary>Decodes a hex HMAC key of at most 64 bytes into <paramref name="key"/>; returns its length, or -1.</summary>
    private static int DecodeKey(string secret, Span<byte> key)
    {
        if (secret.Length == 0 || secret.Length % 2 != 0 || secret.Length > 2 * key.Length) return -1;
        return Convert.FromHexString(secret, key, out _, out var written) == System.Buffers.OperationStatus.Done ? written : -1;
    }

    private sealed class Verifier : IWebhookVerifier
    {
        public static readonly Verifier Instance = new();

        public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
        {
            var header = request.Headers.Get("HmacSignature");
            return header is null ? VerifyStandard(request.Body, secrets) : VerifyPlatform(header, request.Body, secrets);
        }

        private static VerificationResult VerifyPlatform(string signature, ReadOnlyMemory<byte> body, IReadOnlyList<string> secrets)
        {
            if (signature.Length == 0) return VerificationResult.Rejected(VerificationStatus.MissingSignature);
            Span<byte> mac = stackalloc byte[32];
            Span<byte> key = stackalloc byte[MaxKeyBytes];
            foreach (var secret in secrets)
            {
                var keyLength = DecodeKey(secret, key);
                if (keyLength < 0) continue;
                HMACSHA256.HashData(key[..keyLength], body.Span, mac);
                if (SignatureMath.Base64Equals(signature.AsSpan().Trim(), mac))
                {
                    JsonFields.TryReadTopLevel(body.Span, "type", null, out var type, out _);
                    return VerificationResult.Verified(EventLocator.BodyHash(body.Span), type);
                }
            }

            return VerificationResult.Rejected(VerificationStatus.InvalidSignature);
        }

        private static VerificationResult VerifyStandard(ReadOnlyMemory<byte> body, IReadOnlyList<string> secrets)
        {
            List<Item>? items;
            try
            {
                using var document = JsonDocument.Parse(body);
                items = ReadItems(document.RootElement);
            }
            catch (JsonException)
            {
                items = null;
            }

            if (items is null or { Count: 0 }) return VerificationResult.Rejected(VerificationStatus.MalformedSignature);
            foreach (var item in items)
            {
                if (string.IsNullOrEmpty(item.Signature)) return VerificationResult.Rejected(VerificationStatus.MissingSignature);
            }

            Span<byte> mac = stackalloc byte[32];
            Span<byte> key = stackalloc byte[MaxKeyBytes];
            foreach (var secret in secrets)
            {
                var keyLength = DecodeKey(secret, key);
                if (keyLength < 0) continue;
                var all = true;
                foreach (var item in items)
                {
                    HMACSHA256.HashData(key[..keyLength], item.Signed, mac);
                    all &= SignatureMath.Base64Equals(item.Signature.AsSpan().Trim(), mac);
                }

                if (all) return Identify(items);
            }

            return VerificationResult.Rejected(VerificationStatus.InvalidSignature);
        }

        private static VerificationResult Identify(List<Item> items)
        {
            var id = new StringBuilder();
            string? type = null;
            foreach (var item in items)
            {
                if (id.Length > 0) id.Append(',');
                id.Append(item.EventCode).Append(':').Append(item.PspReference).Append(':').Append(item.Success);
                if (type is null) type = item.EventCode;
                else if (!string.Equals(type, item.EventCode, StringComparison.Ordinal)) type = BatchEventType;
            }

            return VerificationResult.Verified(id.ToString(), string.IsNullOrEmpty(type) ? null : type, Accepted);
        }

        /// <summary>One notification item: its signing string, its signature and the fields that identify it.</summary>
        private sealed record Item(byte[] Signed, string? Signature, string EventCode, string PspReference, string Success);

        private static List<Item>? ReadItems(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("notificationItems", out var list) || list.ValueKind != JsonValueKind.Array) return null;
            var items = new List<Item>(list.GetArrayLength());
            foreach (var wrapper in list.EnumerateArray())
            {
                if (wrapper.ValueKind != JsonValueKind.Object || !wrapper.TryGetProperty("NotificationRequestItem", out var item) || item.ValueKind != JsonValueKind.Object) return null;
                var amount = item.TryGetProperty("amount", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
                var additional = item.TryGetProperty("additionalData", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
                string psp = Text(item, "pspReference"), eventCode = Text(item, "eventCode"), success = Text(item, "success");
                var signed = string.Join(':', psp, Text(item, "originalReference"), Text(item, "merchantAccountCode"), Text(item, "merchantReference"),
                    Text(amount, "value"), Text(amount, "currency"), eventCode, success);
                var signature = additional.ValueKind == JsonValueKind.Object && additional.TryGetProperty("hmacSignature", out var s) && s.ValueKind == JsonValueKind.String
                    ? s.GetString()
                    : null;
                items.Add(new Item(Encoding.UTF8.GetBytes(signed), signature, eventCode, psp, success));
            }

            return items;
        }

        /// <summary>A field as Adyen signs it: a string's value, a number's or boolean's JSON text, else empty.</summary>
        private static string Text(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
                ? value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString() ?? "",
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                    _ => "",
                }
                : "";
    }
}
