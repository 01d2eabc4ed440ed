using System.Security.Cryptography;
using System.Text;

namespace WebhookHub.Ingestion;

/// <summary>
/// Deterministic IDs: the same (source, provider event ID) always gives the same event ID, and the same
/// (event, subscription) the same delivery ID, so a retried write or a duplicate message can never create a second one.
/// </summary>
public static class EventIds
{
    /// <summary>Returns <c>evt_</c> + 24 lowercase hex characters of SHA-256(sourceId ‖ 0x00 ‖ providerEventId).</summary>
    public static string ForEvent(string sourceId, string providerEventId) => "evt_" + Digest(sourceId, providerEventId);

    /// <summary>Returns <c>dlv_</c> + 24 lowercase hex characters of SHA-256(eventId ‖ 0x00 ‖ subscriptionId).</summary>
    public static string ForDelivery(string eventId, string subscriptionId) => "dlv_" + Digest(eventId, subscriptionId);

    private static string Digest(string a, string b)
    {
        var bytes = Encoding.UTF8.GetBytes(a + "\0" + b);
        return Convert.ToHexStringLower(SHA256.HashData(bytes), 0, 12);
    }
}
