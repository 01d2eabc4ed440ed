using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace WebhookHub.Providers;

/// <summary>
/// Zoom webhooks: <c>x-zm-signature: v0=&lt;hex&gt;</c>, the lowercase-hex HMAC-SHA256 of the ASCII text
/// <c>"v0:{x-zm-request-timestamp}:"</c> followed by the raw body, keyed with the UTF-8 bytes of the app's secret token. The
/// header carries exactly one signature. The timestamp is Unix seconds; default tolerance 300 s, in either direction.
/// Source: https://developers.zoom.us/docs/api/webhooks/#verify-webhook-events.
/// </summary>
/// <remarks>
/// <para>Handshake: Zoom signs its <c>endpoint.url_validation</c> request like any event (its own sample and the Rivet library
/// check the signature first). An authentic one is answered with <c>application/json</c>
/// <c>{"plainToken":"…","encryptedToken":"…"}</c>, where <c>encryptedToken</c> is the lowercase-hex HMAC-SHA256 of
/// <c>payload.plainToken</c> (UTF-8) keyed with the secret token that verified the request; nothing is stored.</para>
/// <para>Event ID: Zoom sends no event ID, so it is the lowercase hex SHA-256 of the raw body (a retry repeats the body,
/// including <c>event_ts</c>, and re-signs only the headers). Event type: the body's <c>event</c>, for example
/// <c>meeting.started</c>. Options: <c>toleranceSeconds</c>.</para>
/// </remarks>
public sealed class Zoom : IProviderScheme
{
    /// <summary>Default timestamp tolerance: 300 seconds.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    /// <summary>The event type of Zoom's endpoint validation handshake.</summary>
    public const string UrlValidationEvent = "endpoint.url_validation";

    /// <inheritdoc/>
    public string Name => "zoom";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options, ProviderOptions.ToleranceSeconds);
        return new Verifier(ProviderOptions.Tolerance(options, DefaultTolerance));
    }

    private sealed class Verifier(TimeSpan tolerance) : IWebhookVerifier
    {
        public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
        {
            var signature = request.Headers.Get("x-zm-signature");
            var timestamp = request.Headers.Get("x-zm-request-timestamp");
            if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp)) return VerificationResult.Rejected(VerificationStatus.MissingSignature);
            if (!signature.StartsWith("v0=", StringComparison.Ordinal) || timestamp.Length > 20 || !Timestamps.TryParseUnixSeconds(timestamp, out var seconds))
            {
                return VerificationResult.Rejected(VerificationStatus.MalformedSignature);
            }

            if (!Timestamps.IsFresh(seconds, now, tolerance)) return VerificationResult.Rejected(VerificationStatus.StaleTimestamp);

            Span<byte> prefix = stackalloc byte[32];
            var length = 0;
            length += SignatureMath.WriteAscii("v0:", prefix);
            length += SignatureMath.WriteAscii(timestamp, prefix[length..]);
            length += SignatureMath.WriteAscii(":", prefix[length..]);

            Span<byte> mac = stackalloc byte[32];
            Span<byte> keyScratch = stackalloc byte[256];
            foreach (var secret in secrets)
            {
                SignatureMath.Hmac(HashAlgorithmName.SHA256, SignatureMath.Utf8(secret, keyScratch), prefix[..length], request.Body.Span, mac);
                if (SignatureMath.HexEquals(signature.AsSpan(3), mac)) return ReadEvent(request.Body, secret);
            }

            return VerificationResult.Rejected(VerificationStatus.InvalidSignature);
        }

        private static VerificationResult ReadEvent(ReadOnlyMemory<byte> body, string secret)
        {
            string? type = null, plainToken = null;
            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    type = root.TryGetProperty("event", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
                    if (type == UrlValidationEvent && root.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object
                        && payload.TryGetProperty("plainToken", out var token) && token.ValueKind == JsonValueKind.String)
                    {
                        plainToken = token.GetString();
                    }
                }
            }
            catch (JsonException)
            {
                // An authentic body that is not JSON is still stored, with no event type.
            }

            if (plainToken is not null) return VerificationResult.Handshake(ValidationReply(plainToken, secret));
            return VerificationResult.Verified(EventLocator.BodyHash(body.Span), type);
        }

        private static ProviderReply ValidationReply(string plainToken, string secret)
        {
            var encrypted = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(plainToken)));
            var buffer = new ArrayBufferWriter<byte>(128 + plainToken.Length);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("plainToken", plainToken);
                writer.WriteString("encryptedToken", encrypted);
                writer.WriteEndObject();
            }

            return new ProviderReply("application/json", Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
    }
}
