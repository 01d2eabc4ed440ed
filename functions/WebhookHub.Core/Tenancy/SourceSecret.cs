namespace WebhookHub.Tenancy;

/// <summary>One of a source's signing secrets. Several may be active at once, so a provider's secret can be rotated without
/// rejecting webhooks signed with the old one during the overlap.</summary>
/// <param name="Id">Opaque ID, <c>sec_…</c>, for expiring or deleting it through the API.</param>
/// <param name="Value">The secret exactly as the provider shows it. Never logged or returned by the API.</param>
/// <param name="CreatedAt">When it was added.</param>
/// <param name="ExpiresAt">From when it no longer verifies; <see langword="null"/> for never.</param>
public sealed record SourceSecret(string Id, string Value, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt)
{
    /// <summary><see langword="true"/> while the secret verifies: it has no expiry, or expires after <paramref name="now"/>.</summary>
    public bool IsActive(DateTimeOffset now) => ExpiresAt is null || ExpiresAt > now;
}
