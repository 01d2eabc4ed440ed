namespace WebhookHub.Tenancy;

/// <summary>A tenant: the owner of sources, subscriptions, events and deliveries. Every query is scoped to one.</summary>
/// <param name="Id">Opaque ID, <c>ten_…</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="CreatedAt">Creation time.</param>
public sealed record Tenant(string Id, string Name, DateTimeOffset CreatedAt);
