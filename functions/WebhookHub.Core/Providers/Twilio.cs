using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace WebhookHub.Providers;

/// <summary>
/// Twilio: <c>X-Twilio-Signature</c> is the base64 HMAC-SHA1, keyed with the UTF-8 account auth token, of the UTF-8 text
/// <c>{URL}{name1}{value1}{name2}{value2}…</c>: the absolute URL Twilio called (percent-encoded, with its query) followed,
/// for form bodies (<c>application/x-www-form-urlencoded</c>), by every decoded POST parameter sorted by name (ordinal), each
/// name directly followed by its value (a repeated name: its distinct values sorted, each with the name). For other bodies
/// (JSON) Twilio adds <c>bodySHA256=&lt;lowercase hex SHA-256 of the raw body&gt;</c> to the query and signs the URL alone;
/// that hash must match the body. As the official library's <c>validateRequest</c> does, the URL is tried as received without
/// any port and with the default port (<c>:443</c>/<c>:80</c>) when it has none, then as a WHATWG parser serialises it (and
/// with its query re-encoded the way Node's <c>querystring</c> does). Twilio signs no timestamp. Rotation: both the primary and the secondary auth token may be secrets.
/// Source: https://www.twilio.com/docs/usage/webhooks/webhooks-security.
/// </summary>
/// <remarks>
/// <para>Event ID: the <c>I-Twilio-Idempotency-Token</c> header, which Twilio repeats on retries of one request. Without it:
/// for form bodies <c>{RecordingSid}:{RecordingStatus}</c>, <c>{MessageSid}:{MessageStatus or SmsStatus}</c> or
/// <c>{CallSid}:{CallStatus}[:{SequenceNumber}]</c>, the first whose fields are present; for JSON bodies the <c>id</c> of the
/// object (or of the single object in an array, as Event Streams send); else the lowercase hex SHA-256 of the body.</para>
/// <para>Event type: <c>recording.{RecordingStatus}</c>, <c>message.{MessageStatus or SmsStatus}</c> (for example
/// <c>message.delivered</c>, <c>message.received</c>) or <c>call.{CallStatus}</c> (for example <c>call.completed</c>) for form
/// bodies; the JSON <c>type</c> for JSON bodies; else none. Configure Twilio webhooks with HTTP POST. No handshake; options:
/// none. The secret is the 32-hex-character auth token.</para>
/// </remarks>
public sealed class Twilio : IProviderScheme
{
    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "X-Twilio-Signature";

    /// <summary>The header Twilio repeats on every retry of one webhook request.</summary>
    public const string IdempotencyHeader = "I-Twilio-Idempotency-Token";

    /// <inheritdoc/>
    public string Name => "twilio";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options);
        return Verifier.Instance;
    }

    /// <inheritdoc/>
    void IProviderScheme.ValidateSecret(string secret) => ValidateSecret(secret);

    /// <summary>Validates that a configured secret looks like a Twilio auth token: 32 hex characters.</summary>
    /// <exception cref="ProviderOptionsException">It is not 32 hex characters.</exception>
    public static void ValidateSecret(string secret)
    {
        if (secret.Length != 32 || !secret.All(Uri.IsHexDigit))
        {
            throw new ProviderOptionsException("A Twilio secret is the account's auth token: 32 hex characters.");
        }
    }

    private sealed class Verifier : IWebhookVerifier
    {
        public static readonly Verifier Instance = new();

        public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
        {
            var header = request.Headers.Get(SignatureHeader);
            if (string.IsNullOrEmpty(header)) return VerificationResult.Rejected(VerificationStatus.MissingSignature);

            Span<byte> signature = stackalloc byte[24];
            if (!Convert.TryFromBase64String(header.Trim(), signature, out var written) || written != 20)
            {
                return VerificationResult.Rejected(VerificationStatus.MalformedSignature);
            }

            if (request.Url is null) return VerificationResult.Rejected(VerificationStatus.InvalidSignature);

            var bodyHash = request.Query("bodySHA256");
            SortedDictionary<string, List<string>>? form = null;
            byte[] suffix;
            if (bodyHash is not null)
            {
                Span<byte> hash = stackalloc byte[32];
                SHA256.HashData(request.Body.Span, hash);
                if (!SignatureMath.HexEquals(bodyHash, hash)) return VerificationResult.Rejected(VerificationStatus.InvalidSignature);
                suffix = [];
            }
            else
            {
                form = ParseForm(request.Body.Span);
                suffix = Encoding.UTF8.GetBytes(SignedParameters(form));
            }

            var candidates = TwilioUrl.Candidates(request.Url.OriginalString).ConvertAll(Encoding.UTF8.GetBytes);
            Span<byte> mac = stackalloc byte[20];
            Span<byte> keyScratch = stackalloc byte[256];
            foreach (var secret in secrets)
            {
                var key = SignatureMath.Utf8(secret, keyScratch);
                foreach (var candidate in candidates)
                {
                    SignatureMath.Hmac(HashAlgorithmName.SHA1, key, candidate, suffix, mac);
                    if (CryptographicOperations.FixedTimeEquals(mac, signature[..20])) return ReadEvent(request, form);
                }
            }

            return VerificationResult.Rejected(VerificationStatus.InvalidSignature);
        }

        /// <summary>Decodes a form body into its parameters (a name without <c>=</c> has the empty value), sorted by name.</summary>
        private static SortedDictionary<string, List<string>> ParseForm(ReadOnlySpan<byte> body)
        {
            var form = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            if (body.IsEmpty) return form;
            foreach (var pair in Encoding.UTF8.GetString(body).Split('&'))
            {
                if (pair.Length == 0) continue;
                var eq = pair.IndexOf('=');
                var name = TwilioUrl.Decode(eq < 0 ? pair : pair[..eq]);
                if (!form.TryGetValue(name, out var values)) form[name] = values = new List<string>(1);
                values.Add(eq < 0 ? "" : TwilioUrl.Decode(pair[(eq + 1)..]));
            }

            return form;
        }

        private static string SignedParameters(SortedDictionary<string, List<string>> form)
        {
            var builder = new StringBuilder();
            foreach (var (name, values) in form)
            {
                if (values.Count == 1)
                {
                    builder.Append(name).Append(values[0]);
                    continue;
                }

                var distinct = values.Distinct(StringComparer.Ordinal).ToList();
                distinct.Sort(StringComparer.Ordinal);
                foreach (var value in distinct) builder.Append(name).Append(value);
            }

            return builder.ToString();
        }

        private static VerificationResult ReadEvent(WebhookRequest request, SortedDictionary<string, List<string>>? form)
        {
            var (derivedId, type) = form is not null ? FromForm(form) : FromJson(request.Body);
            var id = request.Headers.Get(IdempotencyHeader)?.Trim();
            if (string.IsNullOrEmpty(id)) id = derivedId ?? EventLocator.BodyHash(request.Body.Span);
            return VerificationResult.Verified(id, type);
        }

        private static (string? Id, string? Type) FromForm(SortedDictionary<string, List<string>> form)
        {
            string? Field(string name) => form.TryGetValue(name, out var values) && values[0].Length > 0 ? values[0] : null;

            if (Field("RecordingSid") is { } recording && Field("RecordingStatus") is { } recordingStatus)
            {
                return ($"{recording}:{recordingStatus}", "recording." + recordingStatus);
            }

            if (Field("MessageSid") is { } message && (Field("MessageStatus") ?? Field("SmsStatus")) is { } messageStatus)
            {
                return ($"{message}:{messageStatus}", "message." + messageStatus);
            }

            if (Field("CallSid") is { } call && Field("CallStatus") is { } callStatus)
            {
                var sequence = Field("SequenceNumber");
                return (sequence is null ? $"{call}:{callStatus}" : $"{call}:{callStatus}:{sequence}", "call." + callStatus);
            }

            return (null, null);
        }

        private static (string? Id, string? Type) FromJson(ReadOnlyMemory<byte> body)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() == 1) root = root[0];
                return root.ValueKind == JsonValueKind.Object ? (Text(root, "id"), Text(root, "type")) : (null, null);
            }
            catch (JsonException)
            {
                return (null, null);
            }
        }

        private static string? Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
                ? text
                : null;
    }
}
