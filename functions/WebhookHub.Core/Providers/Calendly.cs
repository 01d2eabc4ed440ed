using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace WebhookHub.Providers;

/// <summary>
/// Calendly: <c>Calendly-Webhook-Signature: t=&lt;unix seconds&gt;,v1=&lt;64 hex&gt;</c>, <c>v1</c> the HMAC-SHA256 of
/// <c>"{t}.{raw body}"</c> keyed with the UTF-8 webhook signing key (the one given when the subscription was created, or the
/// OAuth application's key). Every <c>v1</c> in the header is tried. Default tolerance 180 s on <c>t</c>, as Calendly's example
/// uses (three minutes), applied in both directions.
/// Source: https://developer.calendly.com/api-docs/overview/webhooks/webhook-signatures.
/// </summary>
/// <remarks>
/// <para>Calendly sends no event ID. The event ID is <c>"{event}:{payload.uri}"</c>: the body's event name and the URI of
/// the resource it concerns (for example the invitee), which is unique per event and the same on retries because an
/// invitee is created once and canceled at most once. A body without both falls back to the lowercase hex SHA-256 of the
/// body. Event type is the body's <c>event</c> (for example <c>invitee.created</c>). No handshake.</para>
/// <para>Options: <c>toleranceSeconds</c>.</para>
/// </remarks>
public sealed class Calendly : IProviderScheme
{
    /// <summary>Default timestamp tolerance: 180 seconds.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(180);

    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "Calendly-Webhook-Signature";

    /// <inheritdoc/>
    public string Name => "calendly";

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
            var header = request.Headers.Get(SignatureHeader);
            if (string.IsNullOrEmpty(header)) return VerificationResult.Rejected(VerificationStatus.MissingSignature);

            string? timestamp = null;
            var signatures = new List<string>(1);
            foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
            {
                if (part.StartsWith("t=", StringComparison.Ordinal)) timestamp = part[2..];
                else if (part.StartsWith("v1=", StringComparison.Ordinal)) signatures.Add(part[3..]);
            }

            if (timestamp is null || signatures.Count == 0 || !Timestamps.TryParseUnixSeconds(timestamp, out var seconds))
            {
                return VerificationResult.Rejected(VerificationStatus.MalformedSignature);
            }

            if (!Timestamps.IsFresh(seconds, now, tolerance)) return VerificationResult.Rejected(VerificationStatus.StaleTimestamp);

            var prefix = Encoding.ASCII.GetBytes(timestamp + ".");
            Span<byte> mac = stackalloc byte[32];
            Span<byte> keyScratch = stackalloc byte[256];
            foreach (var secret in secrets)
            {
                SignatureMath.Hmac(HashAlgorithmName.SHA256, SignatureMath.Utf8(secret, keyScratch), prefix, request.Body.Span, mac);
                foreach (var signature in signatures)
                {
                    if (SignatureMath.HexEquals(signature, mac)) return ReadEvent(request.Body);
                }
            }

            return VerificationResult.Rejected(VerificationStatus.InvalidSignature);
        }

        private static VerificationResult ReadEvent(ReadOnlyMemory<byte> body)
        {
            string? type = null, uri = null;
            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    type = root.TryGetProperty("event", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
                    uri = root.TryGetProperty("payload", out var p) && p.ValueKind == JsonValueKind.Object
                        && p.TryGetProperty("uri", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
                }
            }
            catch (JsonException)
            {
                // Not JSON: fall back to the body hash below.
            }

            var id = !string.IsNullOrEmpty(type) && !string.IsNullOrEmpty(uri)
                ? $"{type}:{uri}"
                : EventLocator.BodyHash(body.Span);
            return VerificationResult.Verified(id, type);
        }
    }
}
