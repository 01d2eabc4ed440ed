using WebhookHub.Tenancy;

namespace WebhookHub.Delivery;

/// <summary>
/// Rotation of a subscription's <c>whsec_</c> signing secret with an overlap: the new secret signs at once, and the replaced one
/// keeps signing beside it (both <c>v1</c> entries in the one <c>webhook-signature</c> header, as Standard Webhooks allows) until
/// the overlap ends, so a receiver can switch secrets without rejecting a delivery. The Ed25519 key pair is not rotated.
/// </summary>
public static class SecretRotation
{
    /// <summary>How long the replaced secret keeps signing by default: 24 hours.</summary>
    public static readonly TimeSpan DefaultOverlap = TimeSpan.FromHours(24);

    /// <summary>The longest overlap accepted: 7 days.</summary>
    public static readonly TimeSpan MaxOverlap = TimeSpan.FromDays(7);

    /// <summary>The most retiring secrets kept at once (rotating more often drops the one expiring first): 5.</summary>
    public const int MaxPreviousSecrets = 5;

    /// <summary>
    /// Returns <paramref name="subscription"/> with <paramref name="newSecret"/> as its secret and the replaced secret retiring at
    /// <paramref name="now"/> + <paramref name="overlap"/> (not kept at all for a zero overlap). Retiring secrets already expired
    /// at <paramref name="now"/> are dropped; at most <see cref="MaxPreviousSecrets"/> are kept, the latest-expiring ones.
    /// </summary>
    /// <param name="subscription">The subscription as stored.</param>
    /// <param name="newSecret">The new secret, <c>whsec_</c> + base64.</param>
    /// <param name="overlap">How long the replaced secret keeps signing, zero to <see cref="MaxOverlap"/>.</param>
    /// <param name="now">The time of the rotation.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="overlap"/> is negative or above <see cref="MaxOverlap"/>.</exception>
    public static Subscription Rotate(Subscription subscription, string newSecret, TimeSpan overlap, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(overlap, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(overlap, MaxOverlap);
        var previous = subscription.SigningKeys.PreviousSecrets.Where(s => s.ExpiresAt > now);
        if (overlap > TimeSpan.Zero) previous = previous.Append(new RetiringSecret(subscription.Secret, now + overlap));
        var kept = previous.OrderByDescending(s => s.ExpiresAt).Take(MaxPreviousSecrets).ToArray();
        return subscription with { Secret = newSecret, SigningKeys = subscription.SigningKeys with { PreviousSecrets = kept } };
    }
}
