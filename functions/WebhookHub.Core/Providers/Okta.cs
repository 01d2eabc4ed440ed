using System.Security.Cryptography;
using System.Text.Json;

namespace WebhookHub.Providers;

/// <summary>
/// Okta event hooks: Okta signs nothing; it authenticates with a static header (the hook's "Authentication field", by default
/// <c>Authorization</c>) whose whole value is the secret chosen when the hook was registered. That value is compared in constant
/// time with every secret of the source; it is required on every request, the verification GET included. No timestamp, so
/// there is no tolerance; the body is not integrity-protected beyond TLS.
/// Source: https://developer.okta.com/docs/concepts/event-hooks/.
/// </summary>
/// <remarks>
/// <para>One-time verification: a <c>GET</c> carrying <c>X-Okta-Verification-Challenge</c> (and the authentication header) is
/// answered with <c>{"verification":"&lt;challenge&gt;"}</c> (application/json) and stores nothing.</para>
/// <para>Event ID: Okta batches System Log events in <c>data.events[]</c> and recommends deduplicating on each event's
/// <c>uuid</c>; with exactly one event the event ID is that <c>uuid</c> (stable when Okta redelivers it), otherwise the
/// delivery's top-level <c>eventId</c>, else the lowercase hex SHA-256 of the body. Event type: the first event's
/// <c>eventType</c> (for example <c>user.session.start</c>); the top-level <c>eventType</c>, always <c>com.okta.event_hook</c>,
/// is used only when there is no event.</para>
/// <para>Options: <c>header</c>, the authentication header's name (default <c>Authorization</c>).</para>
/// </remarks>
public sealed class Okta : IProviderScheme
{
    /// <summary>The default authentication header.</summary>
    public const string DefaultHeader = "Authorization";

    /// <summary>The header carrying the verification challenge.</summary>
    public const string ChallengeHeader = "X-Okta-Verification-Challenge";

    /// <inheritdoc/>
    public string Name => "okta";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options, "header");
        return new Verifier(ProviderOptions.Get(options, "header") ?? DefaultHeader);
    }

    private sealed class Verifier(string header) : IWebhookVerifier
    {
        public bool AllowsMethod(string method) => method is "POST" or "GET";

        public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
        {
            var presented = request.Headers.Get(header);
            if (string.IsNullOrEmpty(presented)) return VerificationResult.Rejected(VerificationStatus.MissingSignature);
            if (!SharedSecret.MatchesAny(presented, secrets)) return VerificationResult.Rejected(VerificationStatus.InvalidSignature);

            if (request.Method == "GET")
            {
                var challenge = request.Headers.Get(ChallengeHeader);
                return string.IsNullOrEmpty(challenge)
                    ? VerificationResult.Rejected(VerificationStatus.MalformedSignature)
                    : VerificationResult.Handshake(new ProviderReply("application/json", $"{{\"verification\":\"{JsonEncodedText.Encode(challenge)}\"}}"));
            }

            return ReadEvent(request.Body);
        }

        private static VerificationResult ReadEvent(ReadOnlyMemory<byte> body)
        {
            string? id = null, type = null;
            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object
                    && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                    && data.TryGetProperty("events", out var events) && events.ValueKind == JsonValueKind.Array && events.GetArrayLength() > 0)
                {
                    type = JsonFields.String(events[0], "eventType");
                    if (events.GetArrayLength() == 1) id = JsonFields.String(events[0], "uuid");
                }

                id ??= JsonFields.String(root, "eventId");
                type ??= JsonFields.String(root, "eventType");
            }
            catch (JsonException)
            {
            }

            return VerificationResult.Verified(id ?? EventLocator.BodyHash(body.Span), type);
        }
    }
}
