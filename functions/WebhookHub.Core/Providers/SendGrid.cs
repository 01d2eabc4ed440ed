using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;

namespace WebhookHub.Providers;

/// <summary>
/// Twilio SendGrid's signed Event Webhook: <c>X-Twilio-Email-Event-Webhook-Signature</c> is the standard-base64 DER
/// (RFC 3279 <c>SEQUENCE { r, s }</c>) ECDSA P-256 signature with SHA-256 of the ASCII <c>X-Twilio-Email-Event-Webhook-Timestamp</c>
/// followed by the raw body. The source's secret is the verification key SendGrid shows in its Mail Settings: the base64 of the
/// P-256 public key's SubjectPublicKeyInfo DER (PEM armour around it is tolerated). One signature per request; the timestamp
/// is Unix seconds. SendGrid publishes no window, so the default tolerance is 300 s, in either direction.
/// Source: https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features.
/// </summary>
/// <remarks>
/// <para>The body is a JSON array of events (a single object is read as a one-event array). Event ID: the event's
/// <c>sg_event_id</c> when the array holds exactly one event that has one; otherwise the lowercase hex SHA-256 of the raw body
/// (a retried batch repeats it). Event type: the events' <c>event</c> (for example <c>delivered</c>, <c>open</c>) when all
/// events share it, else <c>batch</c>. No handshake. Options: <c>toleranceSeconds</c>.</para>
/// <para>Imported keys are cached per secret text (at most <see cref="MaxCachedKeys"/>; past that, keys are imported per
/// request and disposed), and each cached key is used by one thread at a time.</para>
/// </remarks>
public sealed class SendGrid : IProviderScheme
{
    /// <summary>Default timestamp tolerance: 300 seconds.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    /// <summary>How many imported public keys are kept: 1024.</summary>
    public const int MaxCachedKeys = 1024;

    /// <summary>The event type of a batch whose events differ in type.</summary>
    public const string BatchEventType = "batch";

    private const int MaxTimestampLength = 20, MaxSignatureBase64Length = 200;

    private static readonly ConcurrentDictionary<string, ECDsa> Keys = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public string Name => "sendgrid";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options, ProviderOptions.ToleranceSeconds);
        return new Verifier(ProviderOptions.Tolerance(options, DefaultTolerance));
    }

    /// <inheritdoc/>
    void IProviderScheme.ValidateSecret(string secret) => ValidateSecret(secret);

    /// <summary>Validates that a configured secret is a base64 SubjectPublicKeyInfo of a P-256 (secp256r1) public key.</summary>
    /// <exception cref="ProviderOptionsException">The secret is not base64, not a public key, or a key on another curve.</exception>
    public static void ValidateSecret(string secret)
    {
        using var key = Import(secret);
        if (key is null)
        {
            throw new ProviderOptionsException("A SendGrid secret is the Event Webhook verification key: the base64 of a P-256 public key (SubjectPublicKeyInfo).");
        }
    }

    /// <summary>Imports a base64 (optionally PEM-armoured) SPKI P-256 public key, or returns <see langword="null"/>.</summary>
    private static ECDsa? Import(string secret)
    {
        if (secret.Length > 1024) return null;
        var armoured = secret.Replace("-----BEGIN PUBLIC KEY-----", "", StringComparison.Ordinal)
            .Replace("-----END PUBLIC KEY-----", "", StringComparison.Ordinal);
        Span<char> text = stackalloc char[armoured.Length];
        var length = 0;
        foreach (var c in armoured)
        {
            if (!char.IsWhiteSpace(c)) text[length++] = c;
        }

        if (length == 0 || SignatureMath.DecodeBase64(text[..length]) is not { } der) return null;

        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(der, out var read);
            var curve = key.ExportParameters(false).Curve;
            if (read == der.Length && curve.IsNamed && (curve.Oid.Value == ECCurve.NamedCurves.nistP256.Oid.Value
                || curve.Oid.FriendlyName == ECCurve.NamedCurves.nistP256.Oid.FriendlyName))
            {
                return key;
            }
        }
        catch (CryptographicException)
        {
            // Not an EC public key: fall through.
        }

        key.Dispose();
        return null;
    }

    private static bool VerifyWith(string secret, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (Keys.TryGetValue(secret, out var cached)) return VerifyLocked(cached, data, signature);

        var key = Import(secret);
        if (key is null) return false;
        if (Keys.Count < MaxCachedKeys)
        {
            var winner = Keys.GetOrAdd(secret, key);
            if (!ReferenceEquals(winner, key)) key.Dispose();
            return VerifyLocked(winner, data, signature);
        }

        using (key)
        {
            return key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
    }

    private static bool VerifyLocked(ECDsa key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        lock (key)
        {
            return key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
    }

    private sealed class Verifier(TimeSpan tolerance) : IWebhookVerifier
    {
        public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
        {
            var signature = request.Headers.Get("X-Twilio-Email-Event-Webhook-Signature");
            var timestamp = request.Headers.Get("X-Twilio-Email-Event-Webhook-Timestamp");
            if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp)) return VerificationResult.Rejected(VerificationStatus.MissingSignature);

            Span<byte> signatureBytes = stackalloc byte[MaxSignatureBase64Length];
            if (timestamp.Length > MaxTimestampLength || !Timestamps.TryParseUnixSeconds(timestamp, out var seconds)
                || signature.Length > MaxSignatureBase64Length || !Convert.TryFromBase64String(signature.Trim(), signatureBytes, out var signatureLength))
            {
                return VerificationResult.Rejected(VerificationStatus.MalformedSignature);
            }

            if (!Timestamps.IsFresh(seconds, now, tolerance)) return VerificationResult.Rejected(VerificationStatus.StaleTimestamp);

            var body = request.Body.Span;
            var length = timestamp.Length + body.Length;
            var rented = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                var data = rented.AsSpan(0, length);
                SignatureMath.WriteAscii(timestamp, data);
                body.CopyTo(data[timestamp.Length..]);
                foreach (var secret in secrets)
                {
                    if (VerifyWith(secret, data, signatureBytes[..signatureLength])) return ReadEvents(request.Body);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }

            return VerificationResult.Rejected(VerificationStatus.InvalidSignature);
        }

        private static VerificationResult ReadEvents(ReadOnlyMemory<byte> body)
        {
            string? id = null, type = null;
            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    id = JsonFields.String(root, "sg_event_id");
                    type = JsonFields.String(root, "event");
                }
                else if (root.ValueKind == JsonValueKind.Array)
                {
                    if (root.GetArrayLength() == 1) id = JsonFields.String(root[0], "sg_event_id");
                    foreach (var item in root.EnumerateArray())
                    {
                        var itemType = JsonFields.String(item, "event") ?? BatchEventType;
                        if (type is null) type = itemType;
                        else if (!string.Equals(type, itemType, StringComparison.Ordinal)) type = BatchEventType;
                    }
                }
            }
            catch (JsonException)
            {
                // An authentic body that is not JSON is still stored, with no event type.
            }

            return VerificationResult.Verified(id ?? EventLocator.BodyHash(body.Span), type);
        }
    }
}
