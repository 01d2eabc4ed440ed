namespace WebhookHub.Tenancy;

/// <summary>A source: one provider account posting to one ingest URL, <c>/api/webhooks/{Id}</c>.</summary>
/// <param name="Id">Opaque ID, <c>src_…</c>; part of the ingest URL.</param>
/// <param name="TenantId">The owning tenant.</param>
/// <param name="Name">Display name.</param>
/// <param name="Provider">The provider scheme's name (see <see cref="Providers.ProviderCatalog"/>).</param>
/// <param name="Secrets">The signing secrets; any active one verifies (see <see cref="ActiveSecrets"/>).</param>
/// <param name="Options">Provider options, for example the <c>hmac</c> scheme's header name.</param>
/// <param name="CreatedAt">Creation time.</param>
public sealed record Source(
    string Id,
    string TenantId,
    string Name,
    string Provider,
    IReadOnlyList<SourceSecret> Secrets,
    IReadOnlyDictionary<string, string> Options,
    DateTimeOffset CreatedAt)
{
    /// <summary>The values of the secrets active at <paramref name="now"/>, oldest first.</summary>
    public IReadOnlyList<string> ActiveSecrets(DateTimeOffset now)
    {
        var active = new List<string>(Secrets.Count);
        foreach (var secret in Secrets)
        {
            if (secret.IsActive(now)) active.Add(secret.Value);
        }

        return active;
    }
}
