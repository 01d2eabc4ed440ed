using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;

namespace WebhookHub.Providers;

/// <summary>
/// Slack request signing: <c>X-Slack-Signature: v0=&lt;hex&gt;</c>, the HMAC-SHA256 of <c>"v0:{X-Slack-Request-Timestamp}:{raw body}"</c>
/// keyed with the UTF-8 signing secret; timestamps in Unix seconds, default tolerance 300 s.
/// Source: https://api.slack.com/authentication/verifying-requests-from-slack.
/// </summary>
/// <remarks>
/// <para>Events API bodies (JSON): an authentic <c>url_verification</c> is answered with its <c>challenge</c> (text/plain) and
/// stores nothing; an <c>event_callback</c> has event ID <c>event_id</c> and event type <c>event.type</c> (for example
/// <c>app_mention</c>); other JSON bodies use their <c>type</c>.</para>
/// <para>Form bodies (slash commands, interactivity): event ID <c>trigger_id</c>; type <c>slash_command</c> when a
/// <c>command</c> is present, else the <c>type</c> inside the <c>payload</c> field.</para>
/// <para>Without an ID field the event ID is the lowercase hex SHA-256 of the body. Options: <c>toleranceSeconds</c>.</para>
/// </remarks>
public sealed class Slack : IProviderScheme
{
    /// <summary>Default timestamp tolerance: 300 seconds, as Slack recommends.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    /// <inheritdoc/>
    public string Name => "slack";

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
            var signature = request.Headers.Get("X-Slack-Signature");
            var timestamp = request.Headers.Get("X-Slack-Request-Timestamp");
            if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp)) return VerificationResult.Rejected(VerificationStatus.MissingSignature);
            if (!signature.StartsWith("v0=", StringComparison.Ordinal) || !Timestamps.TryParseUnixSeconds(timestamp, out var seconds))
            {
                return VerificationResult.Rejected(VerificationStatus.MalformedSignature);
            }

            if (!Timestamps.IsFresh(seconds, now, tolerance)) return VerificationResult.Rejected(VerificationStatus.StaleTimestamp);

            var prefix = Encoding.ASCII.GetBytes($"v0:{timestamp}:");
            Span<byte> mac = stackalloc byte[32];
            Span<byte> keyScratch = stackalloc byte[256];
            foreach (var secret in secrets)
            {
                SignatureMath.Hmac(HashAlgorithmName.SHA256, SignatureMath.Utf8(secret, keyScratch), prefix, request.Body.Span, mac);
                if (SignatureMath.HexEquals(signature.AsSpan(3), mac)) return ReadEvent(request.Body);
            }

            return VerificationResult.Rejected(VerificationStatus.InvalidSignature);
        }

        private static VerificationResult ReadEvent(ReadOnlyMemory<byte> body)
        {
            var text = body.Span.TrimStart(" \t\r\n"u8);
            if (text.Length > 0 && text[0] == (byte)'{') return ReadJson(body);

            var form = HttpUtility.ParseQueryString(Encoding.UTF8.GetString(body.Span));
            if (form["command"] is not null) return VerificationResult.Verified(form["trigger_id"] ?? EventLocator.BodyHash(body.Span), "slash_command");
            if (form["payload"] is { } payload)
            {
                using var document = TryParse(payload);
                var root = document?.RootElement;
                return VerificationResult.Verified(JsonFields.String(root, "trigger_id") ?? JsonFields.String(root, "action_ts") ?? EventLocator.BodyHash(body.Span), JsonFields.String(root, "type"));
            }

            return VerificationResult.Verified(form["trigger_id"] ?? EventLocator.BodyHash(body.Span), null);
        }

        private static VerificationResult ReadJson(ReadOnlyMemory<byte> body)
        {
            using var document = TryParse(body);
            var root = document?.RootElement;
            var type = JsonFields.String(root, "type");
            if (type == "url_verification")
            {
                return VerificationResult.Handshake(new ProviderReply("text/plain", JsonFields.String(root, "challenge") ?? ""));
            }

            if (type == "event_callback" && root?.TryGetProperty("event", out var inner) == true)
            {
                return VerificationResult.Verified(JsonFields.String(root, "event_id") ?? EventLocator.BodyHash(body.Span), JsonFields.String(inner, "type"));
            }

            return VerificationResult.Verified(JsonFields.String(root, "event_id") ?? EventLocator.BodyHash(body.Span), type);
        }

        private static JsonDocument? TryParse(ReadOnlyMemory<byte> json)
        {
            try
            {
                return JsonDocument.Parse(json);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static JsonDocument? TryParse(string json) => TryParse(Encoding.UTF8.GetBytes(json));
    }
}
