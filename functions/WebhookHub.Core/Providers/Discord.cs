using System.Text;
using System.Text.Json;

namespace WebhookHub.Providers;

/// <summary>
/// Discord interactions: <c>X-Signature-Ed25519</c> is the hex Ed25519 signature of <c>X-Signature-Timestamp</c> followed by
/// the raw body, by the application's key; the source's secret is that application's public key (64 hex characters, as the
/// Developer Portal shows it). Default tolerance 300 s on the timestamp (Unix seconds).
/// Source: https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-validating-security-request-headers.
/// </summary>
/// <remarks>
/// <para>A PING (type 1) is answered <c>{"type":1}</c> and stores nothing. Discord probes endpoints with bad signatures and
/// expects 401, which every rejection is.</para>
/// <para>Other interactions are stored with event ID <c>id</c> and event type <c>application_command</c>,
/// <c>message_component</c>, <c>application_command_autocomplete</c> or <c>modal_submit</c>, and acknowledged with a
/// deferred response (<c>{"type":5}</c> for commands and modals, <c>{"type":6}</c> for components) so that the subscriber
/// answers later through the interaction token. Options: <c>toleranceSeconds</c>.</para>
/// </remarks>
public sealed class Discord : IProviderScheme
{
    /// <summary>Default timestamp tolerance: 300 seconds.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    private static readonly ProviderReply Pong = new("application/json", "{\"type\":1}");
    private static readonly ProviderReply DeferredMessage = new("application/json", "{\"type\":5}");
    private static readonly ProviderReply DeferredUpdate = new("application/json", "{\"type\":6}");

    /// <inheritdoc/>
    public string Name => "discord";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options, ProviderOptions.ToleranceSeconds);
        return new Verifier(ProviderOptions.Tolerance(options, DefaultTolerance));
    }

    /// <inheritdoc/>
    void IProviderScheme.ValidateSecret(string secret) => ValidateSecret(secret);

    /// <summary>Validates that a configured secret is a 32-byte Ed25519 public key in hex.</summary>
    /// <exception cref="ProviderOptionsException">It is not 64 hex characters.</exception>
    public static void ValidateSecret(string secret)
    {
        if (DecodePublicKey(secret) is null)
        {
            throw new ProviderOptionsException("A Discord secret is the application's public key: 64 hex characters.");
        }
    }

    private static byte[]? DecodePublicKey(string secret) =>
        secret.Length == 2 * Ed25519.PublicKeyBytes && secret.All(Uri.IsHexDigit) ? Convert.FromHexString(secret) : null;

    private sealed class Verifier(TimeSpan tolerance) : IWebhookVerifier
    {
        public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
        {
            var signature = request.Headers.Get("X-Signature-Ed25519");
            var timestamp = request.Headers.Get("X-Signature-Timestamp");
            if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp)) return VerificationResult.Rejected(VerificationStatus.MissingSignature);
            if (signature.Length != 2 * Ed25519.SignatureBytes || !Timestamps.TryParseUnixSeconds(timestamp, out var seconds))
            {
                return VerificationResult.Rejected(VerificationStatus.MalformedSignature);
            }

            if (!Timestamps.IsFresh(seconds, now, tolerance)) return VerificationResult.Rejected(VerificationStatus.StaleTimestamp);

            byte[] signatureBytes;
            try
            {
                signatureBytes = Convert.FromHexString(signature);
            }
            catch (FormatException)
            {
                return VerificationResult.Rejected(VerificationStatus.MalformedSignature);
            }

            var message = new byte[Encoding.ASCII.GetByteCount(timestamp) + request.Body.Length];
            var written = Encoding.ASCII.GetBytes(timestamp, message);
            request.Body.Span.CopyTo(message.AsSpan(written));
            foreach (var secret in secrets)
            {
                if (DecodePublicKey(secret) is { } publicKey && Ed25519.Verify(publicKey, message, signatureBytes))
                {
                    return ReadInteraction(request.Body);
                }
            }

            return VerificationResult.Rejected(VerificationStatus.InvalidSignature);
        }

        private static VerificationResult ReadInteraction(ReadOnlyMemory<byte> body)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                var type = root.TryGetProperty("type", out var t) && t.TryGetInt32(out var value) ? value : 0;
                if (type == 1) return VerificationResult.Handshake(Pong);
                var id = root.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
                if (string.IsNullOrEmpty(id)) return VerificationResult.Rejected(VerificationStatus.MissingEventId);
                return type switch
                {
                    2 => VerificationResult.Verified(id, "application_command", DeferredMessage),
                    3 => VerificationResult.Verified(id, "message_component", DeferredUpdate),
                    4 => VerificationResult.Verified(id, "application_command_autocomplete"),
                    5 => VerificationResult.Verified(id, "modal_submit", DeferredMessage),
                    _ => VerificationResult.Verified(id, $"interaction.{type}"),
                };
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException)
            {
                return VerificationResult.Rejected(VerificationStatus.MissingEventId);
            }
        }
    }
}
