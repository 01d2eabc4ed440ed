namespace WebhookHub.Tenancy;

/// <summary>A source: one provider account posting to one ingest URL, <c>/api/webhooks/{Id}</c>.</summary>
/// <param name="Id">Opaque ID, <c>src_…</c>; part of the ingest URL.</param>
/// <param name="TenantId">The owning tenant.</param>
/// <param name="Name">Display name.</param>
/// <param name="Provider">The provider scheme's name (see <see cref="Providers.ProviderCatalog"/>).</param>
/// <param name="Secrets">The signing secrets; any one verifies. Never logged or returned by the API.</param>
/// <param name="Options">Provider options, for example the <c>hmac</c> scheme's header name.</param>
/// <param name="CreatedAt">Creation time.</param>
public sealed record Source(
    string Id,
    string TenantId,
    string Name,
    string Provider,
    IReadOnlyList<string> Secrets,
    IReadOnlyDictionary<string, string> Options,
    DateTimeOffset CreatedAt);
