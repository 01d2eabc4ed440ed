using System.Security.Cryptography;
using System.Text.Json;

namespace WebhookHub.Providers;

/// <summary>
/// QuickBooks Online (Intuit): <c>intuit-signature</c> is the standard base64 of the HMAC-SHA256 of the raw body keyed with the
/// UTF-8 verifier token of the app's webhook (shown under Webhooks in the developer portal; not the OAuth client secret). One
/// signature per request; no timestamp is signed, so there is no tolerance.
/// Source: https://developer.intuit.com/app/developer/qbo/docs/develop/webhooks/managing-webhooks-notifications#validating-the-notification.
/// </summary>
/// <remarks>
/// <para>Both body formats are accepted. CloudEvents (a JSON array of events, each with <c>id</c> and <c>type</c> such as
/// <c>qbo.invoice.created.v1</c>; https://blogs.intuit.com/2025/11/12/upcoming-change-to-webhooks-payload-structure/): the
/// event ID is the events' <c>id</c>s joined by commas (for a one-event delivery, exactly its <c>id</c>), and an event
/// lacking an <c>id</c> is <see cref="VerificationStatus.MissingEventId"/>; the event type is the <c>type</c> the events
/// share, or none when they differ.</para>
/// <para>Legacy format (<c>eventNotifications</c>, whose entities carry <c>name</c> and <c>operation</c> but no event ID):
/// the event ID is the lowercase hex SHA-256 of the body; the event type is <c>"{name}.{operation}"</c> (for example
/// <c>Customer.Create</c>) when every entity shares it, else none. Any other body gets the body hash and no type.</para>
/// <para>No handshake. Options: none.</para>
/// </remarks>
public sealed class QuickBooks : IProviderScheme
{
    private static readonly BodyHmacVerifier Signature = new(new BodyHmacScheme("intuit-signature", HashAlgorithmName.SHA256, Base64: true));

    /// <inheritdoc/>
    public string Name => "quickbooks";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options);
        return Verifier.Instance;
    }

    private sealed class Verifier : IWebhookVerifier
    {
        public static readonly Verifier Instance = new();

        public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
        {
            // Without an ID source the shared verifier answers with the body hash: the legacy format's event ID.
            var result = Signature.Verify(request, secrets, now);
            if (!result.IsVerified) return result;

            try
            {
                using var document = JsonDocument.Parse(request.Body);
                var root = document.RootElement;
                return root.ValueKind switch
                {
                    JsonValueKind.Array => ReadCloudEvents(root),
                    JsonValueKind.Object => VerificationResult.Verified(result.EventId!, LegacyType(root)),
                    _ => result,
                };
            }
            catch (JsonException)
            {
                return result;
            }
        }

        private static VerificationResult ReadCloudEvents(JsonElement events)
        {
            var ids = new List<string>(events.GetArrayLength());
            string? type = null;
            var sameType = true;
            foreach (var item in events.EnumerateArray())
            {
                if (JsonFields.String(item, "id") is not { } id) return VerificationResult.Rejected(VerificationStatus.MissingEventId);
                ids.Add(id);
                var itemType = JsonFields.String(item, "type");
                if (ids.Count == 1) type = itemType;
                else sameType &= itemType == type;
            }

            return ids.Count == 0
                ? VerificationResult.Rejected(VerificationStatus.MissingEventId)
                : VerificationResult.Verified(string.Join(',', ids), sameType ? type : null);
        }

        private static string? LegacyType(JsonElement root)
        {
            if (!root.TryGetProperty("eventNotifications", out var notifications) || notifications.ValueKind != JsonValueKind.Array) return null;
            string? shared = null;
            foreach (var notification in notifications.EnumerateArray())
            {
                if (notification.ValueKind != JsonValueKind.Object
                    || !notification.TryGetProperty("dataChangeEvent", out var change) || change.ValueKind != JsonValueKind.Object
                    || !change.TryGetProperty("entities", out var entities) || entities.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var entity in entities.EnumerateArray())
                {
                    var type = JsonFields.String(entity, "name") is { } name && JsonFields.String(entity, "operation") is { } operation ? $"{name}.{operation}" : null;
                    if (type is null || (shared is not null && shared != type)) return null;
                    shared = type;
                }
            }

            return shared;
        }
    }
}
