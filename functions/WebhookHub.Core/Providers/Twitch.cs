using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace WebhookHub.Providers;

/// <summary>
/// Twitch EventSub over webhooks: <c>Twitch-Eventsub-Message-Signature: sha256=&lt;hex&gt;</c>, the lowercase-hex HMAC-SHA256
/// of the UTF-8 bytes of <c>Twitch-Eventsub-Message-Id</c>, then <c>Twitch-Eventsub-Message-Timestamp</c> exactly as sent,
/// then the raw body, keyed with the UTF-8 bytes of the subscription's secret (10 to 100 ASCII characters). The header carries
/// one signature. The timestamp is RFC 3339 with up to nine fractional digits (nanoseconds); default tolerance 10 minutes, in
/// either direction, as Twitch advises.
/// Source: https://dev.twitch.tv/docs/eventsub/handling-webhook-events/#verifying-the-event-message.
/// </summary>
/// <remarks>
/// <para><c>Twitch-Eventsub-Message-Type</c> decides what an authentic request is: <c>webhook_callback_verification</c> is a
/// handshake, answered with the body's <c>challenge</c> as <c>text/plain</c> and stored nowhere; <c>notification</c> is stored
/// with event type <c>subscription.type</c> (for example <c>channel.follow</c>); <c>revocation</c> (and any type Twitch adds
/// later) is stored with the message type itself as event type, so <c>revocation</c>.</para>
/// <para>Event ID: <c>Twitch-Eventsub-Message-Id</c>, which Twitch keeps when it resends a message. Options:
/// <c>toleranceSeconds</c>.</para>
/// </remarks>
public sealed class Twitch : IProviderScheme
{
    /// <summary>Default timestamp tolerance: 600 seconds.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(10);

    private const int MaxMessageIdLength = 256, MaxTimestampLength = 64;

    /// <inheritdoc/>
    public string Name => "twitch";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options, ProviderOptions.ToleranceSeconds);
        return new Verifier(ProviderOptions.Tolerance(options, DefaultTolerance));
    }

    /// <inheritdoc/>
    void IProviderScheme.ValidateSecret(string secret) => ValidateSecret(secret);

    /// <summary>Validates that a configured secret is what Twitch accepts for a subscription: 10 to 100 ASCII characters.</summary>
    /// <exception cref="ProviderOptionsException">The secret is shorter than 10, longer than 100, or not ASCII.</exception>
    public static void ValidateSecret(string secret)
    {
        if (secret.Length is < 10 or > 100 || !Ascii.IsValid(secret))
        {
            throw new ProviderOptionsException("A Twitch EventSub secret is 10 to 100 ASCII characters.");
        }
    }

    private sealed class Verifier(TimeSpan tolerance) : IWebhookVerifier
    {
        public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
        {
            var headers = request.Headers;
            var id = headers.Get("Twitch-Eventsub-Message-Id");
            var timestamp = headers.Get("Twitch-Eventsub-Message-Timestamp");
            var signature = headers.Get("Twitch-Eventsub-Message-Signature");
            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
            {
                return VerificationResult.Rejected(VerificationStatus.MissingSignature);
            }

            if (!signature.StartsWith("sha256=", StringComparison.Ordinal) || id.Length > MaxMessageIdLength || !Timestamps.TryParseRfc3339(timestamp, out var sent))
            {
                return VerificationResult.Rejected(VerificationStatus.MalformedSignature);
            }

            if (!Timestamps.IsFresh(sent.ToUnixTimeSeconds(), now, tolerance)) return VerificationResult.Rejected(VerificationStatus.StaleTimestamp);

            Span<byte> prefix = stackalloc byte[3 * (MaxMessageIdLength + MaxTimestampLength)];
            var length = Encoding.UTF8.GetBytes(id, prefix);
            length += Encoding.UTF8.GetBytes(timestamp, prefix[length..]);

            Span<byte> mac = stackalloc byte[32];
            Span<byte> keyScratch = stackalloc byte[256];
            foreach (var secret in secrets)
            {
                SignatureMath.Hmac(HashAlgorithmName.SHA256, SignatureMath.Utf8(secret, keyScratch), prefix[..length], request.Body.Span, mac);
                if (SignatureMath.HexEquals(signature.AsSpan(7), mac)) return ReadMessage(id, headers.Get("Twitch-Eventsub-Message-Type"), request.Body);
            }

            return VerificationResult.Rejected(VerificationStatus.InvalidSignature);
        }

        private static VerificationResult ReadMessage(string id, string? messageType, ReadOnlyMemory<byte> body)
        {
            if (messageType == "webhook_callback_verification")
            {
                JsonFields.TryReadTopLevel(body.Span, "challenge", null, out var challenge, out _);
                return challenge is null
                    ? VerificationResult.Rejected(VerificationStatus.MalformedSignature)
                    : VerificationResult.Handshake(new ProviderReply("text/plain", challenge));
            }

            if (messageType is null or "notification") return VerificationResult.Verified(id, SubscriptionType(body));
            return VerificationResult.Verified(id, messageType);
        }

        private static string? SubscriptionType(ReadOnlyMemory<byte> body)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                return document.RootElement is { ValueKind: JsonValueKind.Object } root
                    && root.TryGetProperty("subscription", out var subscription) && subscription.ValueKind == JsonValueKind.Object
                    && subscription.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
                        ? type.GetString()
                        : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
