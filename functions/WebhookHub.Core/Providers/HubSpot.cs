using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace WebhookHub.Providers;

/// <summary>
/// HubSpot request signatures, keyed with the app's client secret (UTF-8). When <c>X-HubSpot-Signature-v3</c> is present it
/// alone is checked: the base64 HMAC-SHA256 of the UTF-8 text <c>{method}{URI}{raw body}{X-HubSpot-Request-Timestamp}</c>, where
/// the timestamp is Unix MILLISECONDS (rejected when more than the tolerance, default 300 s, away from now) and the URI is the
/// absolute request URL with these escapes decoded: <c>%3A</c> <c>:</c>, <c>%2F</c> <c>/</c>, <c>%3F</c> <c>?</c>, <c>%40</c>
/// <c>@</c>, <c>%21</c> <c>!</c>, <c>%24</c> <c>$</c>, <c>%27</c> <c>'</c>, <c>%28</c> <c>(</c>, <c>%29</c> <c>)</c>, <c>%2A</c>
/// <c>*</c>, <c>%2C</c> <c>,</c>, <c>%3B</c> <c>;</c> (hex digits in either case; nothing else is decoded). Otherwise
/// <c>X-HubSpot-Signature-Version</c> selects the legacy <c>X-HubSpot-Signature</c>: <c>v1</c> (the default when the version
/// header is absent) is the lowercase hex SHA-256 of <c>{client secret}{raw body}</c>; <c>v2</c> the hex SHA-256 of
/// <c>{client secret}{method}{URI}{raw body}</c> with the URI exactly as requested. Neither legacy version signs a time.
/// Source: https://developers.hubspot.com/docs/apps/legacy-apps/authentication/validating-requests.
/// </summary>
/// <remarks>
/// <para>Event ID: webhook bodies are JSON arrays of events. One event: <c>{portalId}:{subscriptionId}:{eventId}</c> (HubSpot
/// says <c>eventId</c> alone is not guaranteed unique, and <c>attemptNumber</c> changes on every retry, so neither it nor a hash
/// of the body can be the ID). Several events: <c>batch:</c> + lowercase hex SHA-256 of those per-event keys joined with
/// <c>\n</c>, which is stable across retries of the batch. Other bodies (workflow webhooks): the lowercase hex SHA-256 of the
/// body.</para>
/// <para>Event type: the events' <c>subscriptionType</c> (for example <c>contact.creation</c>) when every event in the body has
/// the same one; none for mixed batches and other bodies. No handshake.</para>
/// <para>Options: <c>toleranceSeconds</c> (v3 timestamp); <c>requireV3</c> (<c>true</c> rejects requests that carry only a
/// legacy signature, which has no timestamp and so can be replayed).</para>
/// </remarks>
public sealed class HubSpot : IProviderScheme
{
    /// <summary>Default v3 timestamp tolerance: 300 seconds (HubSpot: reject timestamps older than 5 minutes).</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    /// <summary>The option that rejects requests without a v3 signature.</summary>
    public const string RequireV3Option = "requireV3";

    private static readonly string[] DecodedEscapes = ["3A", "2F", "3F", "40", "21", "24", "27", "28", "29", "2A", "2C", "3B"];

    /// <inheritdoc/>
    public string Name => "hubspot";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options, ProviderOptions.ToleranceSeconds, RequireV3Option);
        var requireV3 = ProviderOptions.Get(options, RequireV3Option) switch
        {
            null => false,
            var text when bool.TryParse(text, out var value) => value,
            var text => throw new ProviderOptionsException($"Option '{RequireV3Option}' must be 'true' or 'false'; got '{text}'."),
        };
        return new Verifier(ProviderOptions.Tolerance(options, DefaultTolerance), requireV3);
    }

    /// <summary>Decodes the twelve escapes HubSpot lists for v3 signatures; every other character (and escape) stays as it is.</summary>
    internal static string DecodeV3Uri(string uri)
    {
        if (!uri.Contains('%')) return uri;
        var builder = new StringBuilder(uri.Length);
        for (var i = 0; i < uri.Length; i++)
        {
            if (uri[i] == '%' && i + 2 < uri.Length)
            {
                var hex = uri.AsSpan(i + 1, 2);
                var matched = false;
                foreach (var escape in DecodedEscapes)
                {
                    if (hex.Equals(escape, StringComparison.OrdinalIgnoreCase))
                    {
                        builder.Append((char)Convert.ToByte(escape, 16));
                        matched = true;
                        break;
                    }
                }

                if (matched)
                {
                    i += 2;
                    continue;
                }
            }

            builder.Append(uri[i]);
        }

        return builder.ToString();
    }

    private sealed class Verifier(TimeSpan tolerance, bool requireV3) : IWebhookVerifier
    {
        public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
        {
            var v3 = request.Headers.Get("X-HubSpot-Signature-v3");
            if (!string.IsNullOrEmpty(v3)) return VerifyV3(request, v3.Trim(), secrets, now);
            if (requireV3) return VerificationResult.Rejected(VerificationStatus.MissingSignature);

            var signature = request.Headers.Get("X-HubSpot-Signature");
            if (string.IsNullOrEmpty(signature)) return VerificationResult.Rejected(VerificationStatus.MissingSignature);
            var version = request.Headers.Get("X-HubSpot-Signature-Version")?.Trim();
            var isV2 = string.Equals(version, "v2", StringComparison.OrdinalIgnoreCase);
            if (!isV2 && !string.IsNullOrEmpty(version) && !string.Equals(version, "v1", StringComparison.OrdinalIgnoreCase))
            {
                return VerificationResult.Rejected(VerificationStatus.MalformedSignature);
            }

            signature = signature.Trim();
            if (signature.Length != 64) return VerificationResult.Rejected(VerificationStatus.MalformedSignature);
            if (isV2 && request.Url is null) return VerificationResult.Rejected(VerificationStatus.InvalidSignature);

            var middle = isV2 ? Encoding.UTF8.GetBytes(request.Method + request.Url!.OriginalString) : [];
            Span<byte> hash = stackalloc byte[32];
            foreach (var secret in secrets)
            {
                HashLegacy(Encoding.UTF8.GetBytes(secret), middle, request.Body.Span, hash);
                if (SignatureMath.HexEquals(signature, hash)) return ReadEvents(request.Body);
            }

            return VerificationResult.Rejected(VerificationStatus.InvalidSignature);
        }

        private VerificationResult VerifyV3(WebhookRequest request, string signature, IReadOnlyList<string> secrets, DateTimeOffset now)
        {
            var timestamp = request.Headers.Get("X-HubSpot-Request-Timestamp")?.Trim();
            if (string.IsNullOrEmpty(timestamp)) return VerificationResult.Rejected(VerificationStatus.MissingSignature);
            if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) || signature.Length != 44)
            {
                return VerificationResult.Rejected(VerificationStatus.MalformedSignature);
            }

            var age = Math.Abs((now - DateTimeOffset.UnixEpoch).TotalMilliseconds - milliseconds);
            if (age > tolerance.TotalMilliseconds) return VerificationResult.Rejected(VerificationStatus.StaleTimestamp);
            if (request.Url is null) return VerificationResult.Rejected(VerificationStatus.InvalidSignature);

            var content = Concat(Encoding.UTF8.GetBytes(request.Method + DecodeV3Uri(request.Url.OriginalString)), request.Body.Span,
                Encoding.ASCII.GetBytes(timestamp));
            Span<byte> mac = stackalloc byte[32];
            Span<byte> keyScratch = stackalloc byte[256];
            foreach (var secret in secrets)
            {
                SignatureMath.Hmac(HashAlgorithmName.SHA256, SignatureMath.Utf8(secret, keyScratch), default, content, mac);
                if (SignatureMath.Base64Equals(signature, mac)) return ReadEvents(request.Body);
            }

            return VerificationResult.Rejected(VerificationStatus.InvalidSignature);
        }

        private static void HashLegacy(byte[] secret, byte[] middle, ReadOnlySpan<byte> body, Span<byte> destination)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(secret);
            hash.AppendData(middle);
            hash.AppendData(body);
            hash.GetHashAndReset(destination);
        }

        private static byte[] Concat(byte[] first, ReadOnlySpan<byte> second, byte[] third)
        {
            var result = new byte[first.Length + second.Length + third.Length];
            first.CopyTo(result, 0);
            second.CopyTo(result.AsSpan(first.Length));
            third.CopyTo(result, first.Length + second.Length);
            return result;
        }

        private static VerificationResult ReadEvents(ReadOnlyMemory<byte> body)
        {
            var keys = new List<string>();
            string? type = null;
            var mixed = false;
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in document.RootElement.EnumerateArray())
                    {
                        if (item.ValueKind != JsonValueKind.Object || Scalar(item, "eventId") is not { } eventId)
                        {
                            keys.Clear();
                            break;
                        }

                        keys.Add($"{Scalar(item, "portalId")}:{Scalar(item, "subscriptionId")}:{eventId}");
                        var itemType = Scalar(item, "subscriptionType");
                        if (keys.Count == 1) type = itemType;
                        else if (!string.Equals(type, itemType, StringComparison.Ordinal)) mixed = true;
                    }
                }
            }
            catch (JsonException)
            {
                keys.Clear();
            }

            if (keys.Count == 0) return VerificationResult.Verified(EventLocator.BodyHash(body.Span), null);
            var id = keys.Count == 1 ? keys[0] : "batch:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', keys))));
            return VerificationResult.Verified(id, mixed ? null : type);
        }

        private static string? Scalar(JsonElement element, string name) =>
            !element.TryGetProperty(name, out var value) ? null
            : value.ValueKind == JsonValueKind.String ? value.GetString()
            : value.ValueKind == JsonValueKind.Number ? value.GetRawText()
            : null;
    }
}
