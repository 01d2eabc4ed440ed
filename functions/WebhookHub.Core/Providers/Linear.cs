using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace WebhookHub.Providers;

/// <summary>
/// Linear: <c>Linear-Signature</c> is the hex HMAC-SHA256 of the raw body keyed with the UTF-8 webhook signing secret; the
/// body's <c>webhookTimestamp</c> (Unix milliseconds) must be within the tolerance (default 60 s, as Linear advises).
/// Event ID is <c>Linear-Delivery</c>; event type is the body's <c>type</c> and <c>action</c> joined by a dot (for example
/// <c>Issue.create</c>). Source: https://linear.app/developers/webhooks#securing-webhooks.
/// </summary>
/// <remarks>Options: <c>toleranceSeconds</c>.</remarks>
public sealed class Linear : IProviderScheme
{
    /// <summary>Default tolerance for <c>webhookTimestamp</c>: 60 seconds.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(60);

    private static readonly BodyHmacVerifier Signature = new(new BodyHmacScheme(
        "Linear-Signature", HashAlgorithmName.SHA256, Base64: false, IdHeader: "Linear-Delivery"));

    /// <inheritdoc/>
    public string Name => "linear";

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
            var result = Signature.Verify(request, secrets, now);
            if (!result.IsVerified) return result;

            if (!TryReadBody(request.Body, out var milliseconds, out var type, out var action))
            {
                return VerificationResult.Rejected(VerificationStatus.MalformedSignature);
            }

            if (!Timestamps.IsFresh(milliseconds / 1000, now, tolerance)) return VerificationResult.Rejected(VerificationStatus.StaleTimestamp);
            return VerificationResult.Verified(result.EventId!, type is null ? null : action is null ? type : $"{type}.{action}");
        }

        private static bool TryReadBody(ReadOnlyMemory<byte> body, out long milliseconds, out string? type, out string? action)
        {
            milliseconds = 0;
            type = action = null;
            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("webhookTimestamp", out var timestamp)) return false;
                var parsed = timestamp.ValueKind switch
                {
                    JsonValueKind.Number => timestamp.TryGetInt64(out milliseconds),
                    JsonValueKind.String => long.TryParse(timestamp.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out milliseconds),
                    _ => false,
                };
                if (!parsed) return false;
                type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                action = root.TryGetProperty("action", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
                return true;
            }
            catch (JsonException)
            {
                return false;
            }
        }
    }
}
