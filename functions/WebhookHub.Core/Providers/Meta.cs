using System.Security.Cryptography;
using System.Text.Json;

namespace WebhookHub.Providers;

/// <summary>
/// Meta Webhooks (Facebook Graph API objects, Messenger, Instagram, WhatsApp Business Platform):
/// <c>X-Hub-Signature-256: sha256=&lt;hex&gt;</c>, the lowercase hex HMAC-SHA256 of the raw body keyed with the UTF-8 app secret.
/// Only the SHA-256 header is checked (the legacy SHA-1 <c>X-Hub-Signature</c> is ignored). Meta signs no timestamp, so there
/// is no tolerance. Source: https://developers.facebook.com/docs/graph-api/webhooks/getting-started.
/// </summary>
/// <remarks>
/// <para>Verification request: when a callback URL is configured, Meta sends
/// <c>GET ?hub.mode=subscribe&amp;hub.challenge=…&amp;hub.verify_token=…</c>. It is answered with the challenge (text/plain,
/// <c>X-Content-Type-Options: nosniff</c>) and stores nothing, but only when the verify token equals one of the source's
/// secrets; a wrong token is rejected (401), a missing token or challenge too, and a mode other than <c>subscribe</c> as malformed.</para>
/// <para>Secrets: a source holds the app secret (the HMAC key) and the verify token chosen in the App Dashboard as two
/// secrets. Write the verify token as <c>verify_token:&lt;token&gt;</c> (see <see cref="VerifyTokenPrefix"/>): such a secret only
/// answers verification requests and is never used as an HMAC key, so a token that travels in URLs cannot sign events. A secret
/// without the prefix is tried both as HMAC key and as verify token. Every secret is tried (rotation).</para>
/// <para>Event ID: Meta gives notifications no ID and batches changes in <c>entry[]</c>, so the event ID is the lowercase hex
/// SHA-256 of the body — except for WhatsApp (<c>object</c> = <c>whatsapp_business_account</c>) with exactly one entry and one
/// change: one inbound message gives its message ID (<c>wamid.…</c>), one status update gives <c>{message ID}:{status}</c>
/// (the same message is reported <c>sent</c>, <c>delivered</c>, <c>read</c>, each its own event).</para>
/// <para>Event type: <c>{object}.{field}</c>, where field is the <c>field</c> of the changes (for example
/// <c>whatsapp_business_account.messages</c>, <c>user.photos</c>, <c>page.feed</c>) or <c>messaging</c> for Messenger and
/// Instagram messaging entries; just <c>{object}</c> when a batch mixes fields or has none. Options: none.</para>
/// </remarks>
public sealed class Meta : IProviderScheme
{
    /// <summary>Marks a secret as the verify token only: <c>verify_token:&lt;token&gt;</c>.</summary>
    public const string VerifyTokenPrefix = "verify_token:";

    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "X-Hub-Signature-256";

    private static readonly IReadOnlyDictionary<string, string> NoSniff = new Dictionary<string, string> { ["X-Content-Type-Options"] = "nosniff" };

    /// <inheritdoc/>
    public string Name => "meta";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options);
        return Verifier.Instance;
    }

    /// <summary>Rejects a <c>verify_token:</c> secret without a token after the prefix.</summary>
    /// <exception cref="ProviderOptionsException">The secret is the bare prefix.</exception>
    public void ValidateSecret(string secret)
    {
        if (secret.StartsWith(VerifyTokenPrefix, StringComparison.Ordinal) && string.IsNullOrWhiteSpace(secret[VerifyTokenPrefix.Length..]))
        {
            throw new ProviderOptionsException($"A Meta verify token secret is '{VerifyTokenPrefix}' followed by the token set in the App Dashboard.");
        }
    }

    private sealed class Verifier : IWebhookVerifier
    {
        public static readonly Verifier Instance = new();

        public bool AllowsMethod(string method) => method is "POST" or "GET";

        public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
        {
            if (request.Method == "GET") return Subscribe(request, secrets);

            var header = request.Headers.Get(SignatureHeader);
            if (string.IsNullOrEmpty(header)) return VerificationResult.Rejected(VerificationStatus.MissingSignature);
            if (!header.StartsWith("sha256=", StringComparison.Ordinal) || header.Length != 7 + 64)
            {
                return VerificationResult.Rejected(VerificationStatus.MalformedSignature);
            }

            var candidate = header.AsSpan(7);
            Span<byte> mac = stackalloc byte[32];
            Span<byte> keyScratch = stackalloc byte[256];
            foreach (var secret in secrets)
            {
                if (secret.StartsWith(VerifyTokenPrefix, StringComparison.Ordinal)) continue;
                SignatureMath.Hmac(HashAlgorithmName.SHA256, SignatureMath.Utf8(secret, keyScratch), default, request.Body.Span, mac);
                if (SignatureMath.HexEquals(candidate, mac)) return ReadEvent(request.Body);
            }

            return VerificationResult.Rejected(VerificationStatus.InvalidSignature);
        }

        private static VerificationResult Subscribe(WebhookRequest request, IReadOnlyList<string> secrets)
        {
            var token = request.Query("hub.verify_token");
            var challenge = request.Query("hub.challenge");
            if (string.IsNullOrEmpty(token) || string.IsNullOrEmpty(challenge)) return VerificationResult.Rejected(VerificationStatus.MissingSignature);
            if (request.Query("hub.mode") != "subscribe") return VerificationResult.Rejected(VerificationStatus.MalformedSignature);

            var matched = false;
            foreach (var secret in secrets)
            {
                var expected = secret.StartsWith(VerifyTokenPrefix, StringComparison.Ordinal) ? secret.AsSpan(VerifyTokenPrefix.Length) : secret;
                matched |= SharedSecret.Matches(token, expected);
            }

            return matched
                ? VerificationResult.Handshake(new ProviderReply("text/plain", challenge) { Headers = NoSniff })
                : VerificationResult.Rejected(VerificationStatus.InvalidSignature);
        }

        private static VerificationResult ReadEvent(ReadOnlyMemory<byte> body)
        {
            var bodyHash = EventLocator.BodyHash(body.Span);
            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                var objectName = JsonFields.String(root, "object");
                if (!root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
                {
                    return VerificationResult.Verified(bodyHash, objectName);
                }

                var field = CommonField(entries);
                var type = objectName is null ? null : field is null ? objectName : $"{objectName}.{field}";
                var id = objectName == "whatsapp_business_account" ? WhatsAppId(entries) : null;
                return VerificationResult.Verified(id ?? bodyHash, type);
            }
            catch (JsonException)
            {
                return VerificationResult.Verified(bodyHash, null);
            }
        }

        /// <summary>The one field every change (or <c>messaging</c> for messaging entries) reports, or null when none or mixed.</summary>
        private static string? CommonField(JsonElement entries)
        {
            string? common = null;
            foreach (var entry in entries.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Object) continue;
                if (entry.TryGetProperty("messaging", out var messaging) && messaging.ValueKind == JsonValueKind.Array && !Agree(ref common, "messaging"))
                {
                    return null;
                }

                if (!entry.TryGetProperty("changes", out var changes) || changes.ValueKind != JsonValueKind.Array) continue;
                foreach (var change in changes.EnumerateArray())
                {
                    if (JsonFields.String(change, "field") is { } name && !Agree(ref common, name)) return null;
                }
            }

            return common;
        }

        private static bool Agree(ref string? common, string name)
        {
            common ??= name;
            return common == name;
        }

        /// <summary>For one entry with one change: the single message's ID, or the single status as <c>{id}:{status}</c>.</summary>
        private static string? WhatsAppId(JsonElement entries)
        {
            if (entries.GetArrayLength() != 1) return null;
            var entry = entries[0];
            if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("changes", out var changes)
                || changes.ValueKind != JsonValueKind.Array || changes.GetArrayLength() != 1
                || changes[0].ValueKind != JsonValueKind.Object || !changes[0].TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var messages = Single(value, "messages");
            var statuses = Single(value, "statuses");
            if (messages is { } message && !value.TryGetProperty("statuses", out _)) return JsonFields.String(message, "id");
            if (statuses is { } status && !value.TryGetProperty("messages", out _))
            {
                return JsonFields.String(status, "id") is { } id && JsonFields.String(status, "status") is { } state ? $"{id}:{state}" : null;
            }

            return null;
        }

        private static JsonElement? Single(JsonElement value, string name) =>
            value.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array && array.GetArrayLength() == 1 ? array[0] : null;
    }
}
