using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;

namespace WebhookHub.Providers;

/// <summary>
/// Mailgun webhooks: the signature travels in the body, not a header. <c>signature</c> is the lowercase-hex HMAC-SHA256 of the
/// UTF-8 text <c>timestamp</c> immediately followed by <c>token</c> (no separator), keyed with the UTF-8 bytes of the HTTP webhook
/// signing key. Current webhooks post JSON <c>{"signature":{"timestamp","token","signature"[,"parent-signature"]},
/// "event-data":{…}}</c>; legacy webhooks post <c>application/x-www-form-urlencoded</c> fields <c>timestamp</c>, <c>token</c>,
/// <c>signature</c> and <c>event</c>. For a subaccount's domain Mailgun adds <c>parent-signature</c>, the same HMAC under the
/// primary account's key; either signature may match. The timestamp is Unix seconds; Mailgun publishes no window, so the
/// default tolerance is 300 s, in either direction.
/// Source: https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks.
/// </summary>
/// <remarks>
/// <para>Only <c>timestamp</c> and <c>token</c> are signed: Mailgun's scheme does not cover <c>event-data</c>, so a body altered
/// in transit with the signature block intact still verifies. Keep the tolerance short where that matters.</para>
/// <para>Event ID: <c>event-data.id</c>; for legacy form posts (which carry none) and JSON without it, the lowercase hex SHA-256
/// of the raw body. Event type: <c>event-data.event</c> (for example <c>delivered</c>, <c>failed</c>), or the form's
/// <c>event</c>. Multipart legacy posts are not supported (their fields are not read: MissingSignature). Options:
/// <c>toleranceSeconds</c>.</para>
/// </remarks>
public sealed class Mailgun : IProviderScheme
{
    /// <summary>Default timestamp tolerance: 300 seconds.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    private const int MaxTokenLength = 256;

    /// <inheritdoc/>
    public string Name => "mailgun";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options, ProviderOptions.ToleranceSeconds);
        return new Verifier(ProviderOptions.Tolerance(options, DefaultTolerance));
    }

    /// <summary>The signed fields and the event fields of one Mailgun post.</summary>
    private sealed record Post(string? Timestamp, string? Token, string? Signature, string? ParentSignature, string? EventId, string? EventType);

    private sealed class Verifier(TimeSpan tolerance) : IWebhookVerifier
    {
        public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
        {
            var body = request.Body;
            var trimmed = body.Span.TrimStart(" \t\r\n"u8);
            var post = trimmed.Length > 0 && trimmed[0] == (byte)'{' ? ReadJson(body) : ReadForm(body.Span);
            if (post is null) return VerificationResult.Rejected(VerificationStatus.MalformedSignature);
            if (string.IsNullOrEmpty(post.Timestamp) || string.IsNullOrEmpty(post.Token) || (string.IsNullOrEmpty(post.Signature) && string.IsNullOrEmpty(post.ParentSignature)))
            {
                return VerificationResult.Rejected(VerificationStatus.MissingSignature);
            }

            if (post.Timestamp.Length > 20 || post.Token.Length > MaxTokenLength || !Timestamps.TryParseUnixSeconds(post.Timestamp, out var seconds))
            {
                return VerificationResult.Rejected(VerificationStatus.MalformedSignature);
            }

            if (!Timestamps.IsFresh(seconds, now, tolerance)) return VerificationResult.Rejected(VerificationStatus.StaleTimestamp);

            Span<byte> signed = stackalloc byte[20 + 3 * MaxTokenLength];
            var length = SignatureMath.WriteAscii(post.Timestamp, signed);
            length += Encoding.UTF8.GetBytes(post.Token, signed[length..]);

            Span<byte> mac = stackalloc byte[32];
            Span<byte> keyScratch = stackalloc byte[256];
            foreach (var secret in secrets)
            {
                HMACSHA256.HashData(SignatureMath.Utf8(secret, keyScratch), signed[..length], mac);
                if (SignatureMath.HexEquals(post.Signature, mac) || SignatureMath.HexEquals(post.ParentSignature, mac))
                {
                    return VerificationResult.Verified(post.EventId ?? EventLocator.BodyHash(body.Span), post.EventType);
                }
            }

            return VerificationResult.Rejected(VerificationStatus.InvalidSignature);
        }

        private static Post? ReadJson(ReadOnlyMemory<byte> body)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return null;
                var signature = root.TryGetProperty("signature", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
                var data = root.TryGetProperty("event-data", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
                return new Post(Text(signature, "timestamp"), Text(signature, "token"), Text(signature, "signature"), Text(signature, "parent-signature"),
                    Text(data, "id"), Text(data, "event"));
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static Post ReadForm(ReadOnlySpan<byte> body)
        {
            var form = HttpUtility.ParseQueryString(Encoding.UTF8.GetString(body));
            return new Post(form["timestamp"], form["token"], form["signature"], form["parent-signature"], null, form["event"]);
        }

        /// <summary>A string property's value, a number's text, or <see langword="null"/>.</summary>
        private static string? Text(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
                ? value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString(),
                    JsonValueKind.Number => value.GetRawText(),
                    _ => null,
                }
                : null;
    }
}
