using System.Security.Cryptography;
using System.Text.Json;

namespace WebhookHub.Providers;

/// <summary>
/// Dropbox webhooks: <c>X-Dropbox-Signature</c> is the lowercase hex HMAC-SHA256 of the raw body keyed with the UTF-8 app
/// secret (no prefix). Dropbox signs no timestamp, so there is no tolerance.
/// Source: https://www.dropbox.com/developers/reference/webhooks.
/// </summary>
/// <remarks>
/// <para>Verification request: <c>GET ?challenge=…</c> is answered by echoing the challenge with <c>Content-Type: text/plain</c>
/// and <c>X-Content-Type-Options: nosniff</c> (as Dropbox asks, against reflected XSS), storing nothing. Dropbox does not
/// authenticate it (it carries no signature), so any such GET is answered; a GET without a challenge is rejected.</para>
/// <para>Event ID: notifications only list the accounts (or team members) with changes, such as
/// <c>{"list_folder":{"accounts":["dbid:…"]},"delta":{"users":[…]}}</c>, and carry no ID, so the event ID is the lowercase hex
/// SHA-256 of the body. Event type: the first top-level property other than the legacy <c>delta</c> (for example
/// <c>list_folder</c>), else <c>delta</c>. Options: none.</para>
/// </remarks>
public sealed class Dropbox : IProviderScheme
{
    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "X-Dropbox-Signature";

    private static readonly BodyHmacVerifier Signature = new(new BodyHmacScheme(SignatureHeader, HashAlgorithmName.SHA256, Base64: false));

    private static readonly IReadOnlyDictionary<string, string> NoSniff = new Dictionary<string, string> { ["X-Content-Type-Options"] = "nosniff" };

    /// <inheritdoc/>
    public string Name => "dropbox";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options);
        return Verifier.Instance;
    }

    private sealed class Verifier : IWebhookVerifier
    {
        public static readonly Verifier Instance = new();

        public bool AllowsMethod(string method) => method is "POST" or "GET";

        public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
        {
            if (request.Method == "GET")
            {
                var challenge = request.Query("challenge");
                return string.IsNullOrEmpty(challenge)
                    ? VerificationResult.Rejected(VerificationStatus.MissingSignature)
                    : VerificationResult.Handshake(new ProviderReply("text/plain", challenge) { Headers = NoSniff });
            }

            var result = Signature.Verify(request, secrets, now);
            return result.IsVerified ? VerificationResult.Verified(result.EventId!, NotificationType(request.Body.Span)) : result;
        }

        private static string? NotificationType(ReadOnlySpan<byte> json)
        {
            try
            {
                var reader = new Utf8JsonReader(json);
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
                string? legacy = null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString();
                    if (name != "delta") return name;
                    legacy = name;
                    reader.Read();
                    reader.Skip();
                }

                return legacy;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
