using System.Text.Json;
using WebhookHub.Tenancy;

namespace WebhookHub.Azure.Tables;

public sealed partial class TableWebhookStore : ITenantStore
{
    /// <inheritdoc/>
    /// <remarks>The API-key lookup row is written first: a key that is already taken fails before any tenant row exists.</remarks>
    public async Task CreateTenantAsync(Tenant tenant, byte[] apiKeyHash, CancellationToken cancellationToken = default)
    {
        var lookup = new TableEntity(ApiKeyPartition(apiKeyHash), TableRowKeys.Tenant) { ["TenantId"] = tenant.Id };
        await _tenants.AddEntityAsync(lookup, cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(TableRowKeys.Id(tenant.Id), TableRowKeys.Tenant)
        {
            ["Name"] = tenant.Name,
            ["CreatedAt"] = tenant.CreatedAt,
        };
        await _tenants.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<Tenant?> FindTenantByApiKeyHashAsync(byte[] apiKeyHash, CancellationToken cancellationToken = default)
    {
        var lookup = await _tenants.GetEntityAsync(ApiKeyPartition(apiKeyHash), TableRowKeys.Tenant, cancellationToken).ConfigureAwait(false);
        if (lookup?.GetString("TenantId") is not { } tenantId) return null;
        var row = await _tenants.GetEntityAsync(TableRowKeys.Id(tenantId), TableRowKeys.Tenant, cancellationToken).ConfigureAwait(false);
        return row is null ? null : new Tenant(tenantId, row.GetString("Name")!, row.GetDateTimeOffset("CreatedAt")!.Value);
    }

    /// <summary>Every tenant's ID (for the outbox sweep).</summary>
    internal async Task<IReadOnlyList<string>> ListTenantIdsAsync(CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(_tenants, TableFilter.Equal("RowKey", TableRowKeys.Tenant), null, cancellationToken).ConfigureAwait(false);
        return rows.Where(r => !r.PartitionKey.StartsWith(TableRowKeys.ApiKeyPartitionPrefix, StringComparison.Ordinal))
            .Select(r => TableKey.Unescape(r.PartitionKey)).ToList();
    }

    /// <inheritdoc/>
    public Task CreateSourceAsync(Source source, CancellationToken cancellationToken = default) =>
        _tenants.AddEntityAsync(SourceRow(source), cancellationToken);

    /// <inheritdoc/>
    public async Task<Source?> GetSourceAsync(string sourceId, CancellationToken cancellationToken = default)
    {
        var row = await _tenants.GetEntityAsync(TableRowKeys.Id(sourceId), TableRowKeys.Source, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ReadSource(row);
    }

    /// <inheritdoc/>
    public async Task<bool> UpdateSourceSecretsAsync(string tenantId, string sourceId, IReadOnlyList<SourceSecret> secrets, CancellationToken cancellationToken = default)
    {
        var row = await _tenants.GetEntityAsync(TableRowKeys.Id(sourceId), TableRowKeys.Source, cancellationToken).ConfigureAwait(false);
        if (row is null || row.GetString("TenantId") != tenantId) return false;
        var update = new TableEntity(row.PartitionKey, row.RowKey) { ["Secrets"] = JsonSerializer.Serialize(secrets.ToArray(), TableStoreJson.Default.SourceSecretArray) };
        return await MergeAsync(_tenants, update, row.ETag, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>Sources are partitioned by source ID (ingest knows nothing else), so listing them filters on the tenant.</remarks>
    public async Task<IReadOnlyList<Source>> ListSourcesAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var filter = TableFilter.And(TableFilter.Equal("RowKey", TableRowKeys.Source), TableFilter.Equal("TenantId", tenantId));
        var rows = await QueryAsync(_tenants, filter, null, cancellationToken).ConfigureAwait(false);
        return rows.Select(ReadSource).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
    }

    /// <inheritdoc/>
    public Task CreateSubscriptionAsync(Subscription subscription, CancellationToken cancellationToken = default) =>
        _tenants.AddEntityAsync(SubscriptionRow(subscription), cancellationToken);

    /// <inheritdoc/>
    public async Task<Subscription?> GetSubscriptionAsync(string tenantId, string subscriptionId, CancellationToken cancellationToken = default)
    {
        var row = await _tenants.GetEntityAsync(TableRowKeys.Id(tenantId), TableRowKeys.Subscription(subscriptionId), cancellationToken).ConfigureAwait(false);
        return row is null ? null : ReadSubscription(row);
    }

    /// <inheritdoc/>
    public async Task<bool> UpdateSubscriptionAsync(Subscription subscription, CancellationToken cancellationToken = default)
    {
        var update = new TableEntity(TableRowKeys.Id(subscription.TenantId), TableRowKeys.Subscription(subscription.Id))
        {
            ["Url"] = subscription.Url,
            ["EventTypes"] = JsonSerializer.Serialize(subscription.EventTypes.ToArray(), TableStoreJson.Default.StringArray),
            ["SourceIds"] = JsonSerializer.Serialize(subscription.SourceIds.ToArray(), TableStoreJson.Default.StringArray),
            ["Active"] = subscription.Active,
            ["Settings"] = JsonSerializer.Serialize(subscription.Settings, TableStoreJson.Default.SubscriptionSettings),
        };
        return await MergeAsync(_tenants, update, null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>Read, compare, then merge conditioned on the row's ETag: a concurrent rotation makes the merge fail with 412.</remarks>
    public async Task<bool> UpdateSubscriptionSigningAsync(string tenantId, string subscriptionId, string expectedSecret, string secret,
        SubscriptionSigningKeys signingKeys, CancellationToken cancellationToken = default)
    {
        var row = await _tenants.GetEntityAsync(TableRowKeys.Id(tenantId), TableRowKeys.Subscription(subscriptionId), cancellationToken).ConfigureAwait(false);
        if (row is null || row.GetString("Secret") != expectedSecret) return false;
        var update = new TableEntity(row.PartitionKey, row.RowKey)
        {
            ["Secret"] = secret,
            ["SigningKeys"] = JsonSerializer.Serialize(signingKeys, TableStoreJson.Default.SubscriptionSigningKeys),
        };
        return await MergeAsync(_tenants, update, row.ETag, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<bool> UpdateSubscriptionHealthAsync(string tenantId, string subscriptionId, bool active, SubscriptionHealth health, CancellationToken cancellationToken = default)
    {
        var update = new TableEntity(TableRowKeys.Id(tenantId), TableRowKeys.Subscription(subscriptionId))
        {
            ["Active"] = active,
            ["Health"] = JsonSerializer.Serialize(health, TableStoreJson.Default.SubscriptionHealth),
        };
        return MergeAsync(_tenants, update, null, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var filter = TableFilter.And(TableFilter.PartitionEquals(TableRowKeys.Id(tenantId)), TableRowKeys.Range(TableRowKeys.SubscriptionPrefix));
        var rows = await QueryAsync(_tenants, filter, null, cancellationToken).ConfigureAwait(false);
        return rows.Select(ReadSubscription).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Merges <paramref name="update"/>; <see langword="false"/> when the row is gone (404) or changed since <paramref name="etag"/> (412).</summary>
    private static async Task<bool> MergeAsync(TableClient table, TableEntity update, string? etag, CancellationToken cancellationToken)
    {
        try
        {
            await table.UpdateEntityAsync(update, etag, merge: true, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableRequestException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    private static string ApiKeyPartition(byte[] apiKeyHash) => TableRowKeys.ApiKeyPartitionPrefix + Convert.ToHexStringLower(apiKeyHash);

    private static TableEntity SourceRow(Source source) => new(TableRowKeys.Id(source.Id), TableRowKeys.Source)
    {
        ["TenantId"] = source.TenantId,
        ["Name"] = source.Name,
        ["Provider"] = source.Provider,
        ["Secrets"] = JsonSerializer.Serialize(source.Secrets.ToArray(), TableStoreJson.Default.SourceSecretArray),
        ["Options"] = JsonSerializer.Serialize(new Dictionary<string, string>(source.Options), TableStoreJson.Default.DictionaryStringString),
        ["CreatedAt"] = source.CreatedAt,
    };

    private static Source ReadSource(TableEntity row) => new(
        TableKey.Unescape(row.PartitionKey), row.GetString("TenantId")!, row.GetString("Name")!, row.GetString("Provider")!,
        JsonSerializer.Deserialize(row.GetString("Secrets")!, TableStoreJson.Default.SourceSecretArray)!,
        JsonSerializer.Deserialize(row.GetString("Options")!, TableStoreJson.Default.DictionaryStringString)!,
        row.GetDateTimeOffset("CreatedAt")!.Value);

    private static TableEntity SubscriptionRow(Subscription s) => new(TableRowKeys.Id(s.TenantId), TableRowKeys.Subscription(s.Id))
    {
        ["SubscriptionId"] = s.Id,
        ["Url"] = s.Url,
        ["EventTypes"] = JsonSerializer.Serialize(s.EventTypes.ToArray(), TableStoreJson.Default.StringArray),
        ["SourceIds"] = JsonSerializer.Serialize(s.SourceIds.ToArray(), TableStoreJson.Default.StringArray),
        ["Secret"] = s.Secret,
        ["Active"] = s.Active,
        ["CreatedAt"] = s.CreatedAt,
        ["Settings"] = JsonSerializer.Serialize(s.Settings, TableStoreJson.Default.SubscriptionSettings),
        ["Health"] = JsonSerializer.Serialize(s.Health, TableStoreJson.Default.SubscriptionHealth),
        ["SigningKeys"] = JsonSerializer.Serialize(s.SigningKeys, TableStoreJson.Default.SubscriptionSigningKeys),
    };

    private static Subscription ReadSubscription(TableEntity row) => new(
        row.GetString("SubscriptionId")!, TableKey.Unescape(row.PartitionKey), row.GetString("Url")!,
        JsonSerializer.Deserialize(row.GetString("EventTypes")!, TableStoreJson.Default.StringArray)!,
        JsonSerializer.Deserialize(row.GetString("SourceIds")!, TableStoreJson.Default.StringArray)!,
        row.GetString("Secret")!, row.GetBoolean("Active") ?? false, row.GetDateTimeOffset("CreatedAt")!.Value)
    {
        Settings = JsonSerializer.Deserialize(row.GetString("Settings")!, TableStoreJson.Default.SubscriptionSettings)!,
        Health = JsonSerializer.Deserialize(row.GetString("Health")!, TableStoreJson.Default.SubscriptionHealth)!,
        SigningKeys = JsonSerializer.Deserialize(row.GetString("SigningKeys")!, TableStoreJson.Default.SubscriptionSigningKeys)!,
    };
}
