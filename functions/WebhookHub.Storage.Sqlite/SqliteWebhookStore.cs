using System.Text.Json;
using Microsoft.Data.Sqlite;
using WebhookHub.Tenancy;

namespace WebhookHub.Storage.Sqlite;

/// <summary>
/// The embedded store and queue: tenants, sources, subscriptions, the event inbox/outbox, deliveries and attempts in one SQLite
/// file (WAL, <c>synchronous = FULL</c>). Ingest writes and delivery attempts go through group commits; every other write is its own transaction.
/// Thread-safe; dispose to flush and stop the group commit.
/// </summary>
public sealed partial class SqliteWebhookStore : ITenantStore, IAsyncDisposable
{
    private readonly SqliteConnections _connections;
    private readonly EventGroupCommitter _committer;
    private readonly AttemptGroupCommitter _attempts;
    private readonly WalCheckpointer _checkpointer;
    private int _disposed;

    /// <summary>Opens (creating if needed) the database at <see cref="SqliteStoreOptions.Path"/>.</summary>
    /// <exception cref="SqliteException">The file cannot be opened or the schema cannot be applied.</exception>
    public SqliteWebhookStore(SqliteStoreOptions options)
    {
        _connections = new SqliteConnections(options);
        ReleaseLeases();
        _committer = new EventGroupCommitter(_connections, options.WriteQueueCapacity, options.MaxBatchSize);
        _attempts = new AttemptGroupCommitter(_connections, options.WriteQueueCapacity, options.MaxBatchSize);
        _checkpointer = new WalCheckpointer(_connections);
    }

    /// <summary>Waits for queued ingest writes, stops background work and checkpoints the log. Safe to call more than once
    /// (the container disposes the store once per interface it is registered under).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _committer.DisposeAsync().ConfigureAwait(false);
        await _attempts.DisposeAsync().ConfigureAwait(false);
        await _checkpointer.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The embedded store has one owning process, so at start-up every lease belongs to a process that is gone (killed or
    /// stopped mid-attempt): release them so its claimed deliveries are sent at once rather than when the leases run out.
    /// </summary>
    private void ReleaseLeases()
    {
        using var connection = _connections.Open();
        connection.Command("UPDATE deliveries SET lease_until = 0 WHERE status IN (0, 2) AND lease_until > 0").ExecuteNonQuery();
    }

    /// <inheritdoc/>
    public Task CreateTenantAsync(Tenant tenant, byte[] apiKeyHash, CancellationToken cancellationToken = default)
    {
        using var connection = _connections.Open();
        connection.Command("INSERT INTO tenants (id, name, api_key_hash, created_at) VALUES ($id, $name, $hash, $at)")
            .With("$id", tenant.Id).With("$name", tenant.Name).With("$hash", apiKeyHash).With("$at", SqliteCommands.Millis(tenant.CreatedAt))
            .ExecuteNonQuery();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<Tenant?> FindTenantByApiKeyHashAsync(byte[] apiKeyHash, CancellationToken cancellationToken = default)
    {
        using var connection = _connections.Open();
        using var reader = connection.Command("SELECT id, name, created_at FROM tenants WHERE api_key_hash = $hash").With("$hash", apiKeyHash).ExecuteReader();
        return Task.FromResult(reader.Read() ? new Tenant(reader.GetString(0), reader.GetString(1), reader.Time(2)) : null);
    }

    /// <inheritdoc/>
    public Task CreateSourceAsync(Source source, CancellationToken cancellationToken = default)
    {
        using var connection = _connections.Open();
        connection.Command("""
            INSERT INTO sources (id, tenant_id, name, provider, secrets, options, created_at)
            VALUES ($id, $tenant, $name, $provider, $secrets, $options, $at)
            """)
            .With("$id", source.Id).With("$tenant", source.TenantId).With("$name", source.Name).With("$provider", source.Provider)
            .With("$secrets", JsonSerializer.Serialize(source.Secrets.ToArray(), SqliteJson.Default.SourceSecretArray))
            .With("$options", JsonSerializer.Serialize(new Dictionary<string, string>(source.Options), SqliteJson.Default.DictionaryStringString))
            .With("$at", SqliteCommands.Millis(source.CreatedAt))
            .ExecuteNonQuery();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<Source?> GetSourceAsync(string sourceId, CancellationToken cancellationToken = default) =>
        Task.FromResult(ReadSources("WHERE id = $key", sourceId).FirstOrDefault());

    /// <inheritdoc/>
    public Task<bool> UpdateSourceSecretsAsync(string tenantId, string sourceId, IReadOnlyList<SourceSecret> secrets, CancellationToken cancellationToken = default)
    {
        using var connection = _connections.Open();
        var updated = connection.Command("UPDATE sources SET secrets = $secrets WHERE id = $id AND tenant_id = $tenant")
            .With("$secrets", JsonSerializer.Serialize(secrets.ToArray(), SqliteJson.Default.SourceSecretArray))
            .With("$id", sourceId).With("$tenant", tenantId)
            .ExecuteNonQuery();
        return Task.FromResult(updated == 1);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Source>> ListSourcesAsync(string tenantId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Source>>(ReadSources("WHERE tenant_id = $key ORDER BY created_at, id", tenantId));

    /// <inheritdoc/>
    public Task CreateSubscriptionAsync(Subscription subscription, CancellationToken cancellationToken = default)
    {
        using var connection = _connections.Open();
        connection.Command("""
            INSERT INTO subscriptions (id, tenant_id, url, event_types, source_ids, secret, active, created_at, settings, health, signing_keys)
            VALUES ($id, $tenant, $url, $types, $sources, $secret, $active, $at, $settings, $health, $keys)
            """)
            .With("$id", subscription.Id).With("$tenant", subscription.TenantId).WithSubscription(subscription)
            .With("$at", SqliteCommands.Millis(subscription.CreatedAt))
            .With("$health", JsonSerializer.Serialize(subscription.Health, SqliteSubscriptionJson.Default.SubscriptionHealth))
            .With("$keys", JsonSerializer.Serialize(subscription.SigningKeys, SqliteSubscriptionJson.Default.SubscriptionSigningKeys))
            .ExecuteNonQuery();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<Subscription?> GetSubscriptionAsync(string tenantId, string subscriptionId, CancellationToken cancellationToken = default)
    {
        using var connection = _connections.Open();
        using var reader = connection.Command($"SELECT {SubscriptionColumns} FROM subscriptions WHERE id = $id AND tenant_id = $tenant")
            .With("$id", subscriptionId).With("$tenant", tenantId).ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadSubscription(reader, 0) : null);
    }

    /// <inheritdoc/>
    public Task<bool> UpdateSubscriptionAsync(Subscription subscription, CancellationToken cancellationToken = default)
    {
        using var connection = _connections.Open();
        var changed = connection.Command("""
            UPDATE subscriptions SET url = $url, event_types = $types, source_ids = $sources, active = $active, settings = $settings
            WHERE id = $id AND tenant_id = $tenant
            """)
            .With("$id", subscription.Id).With("$tenant", subscription.TenantId).WithSubscription(subscription)
            .ExecuteNonQuery();
        if (changed > 0) DeliveriesDue?.Invoke();
        return Task.FromResult(changed > 0);
    }

    /// <inheritdoc/>
    public Task<bool> UpdateSubscriptionSigningAsync(string tenantId, string subscriptionId, string expectedSecret, string secret,
        SubscriptionSigningKeys signingKeys, CancellationToken cancellationToken = default)
    {
        using var connection = _connections.Open();
        var changed = connection.Command("""
            UPDATE subscriptions SET secret = $secret, signing_keys = $keys WHERE id = $id AND tenant_id = $tenant AND secret = $expected
            """)
            .With("$id", subscriptionId).With("$tenant", tenantId).With("$expected", expectedSecret).With("$secret", secret)
            .With("$keys", JsonSerializer.Serialize(signingKeys, SqliteSubscriptionJson.Default.SubscriptionSigningKeys))
            .ExecuteNonQuery();
        return Task.FromResult(changed > 0);
    }

    /// <inheritdoc/>
    public Task<bool> UpdateSubscriptionHealthAsync(string tenantId, string subscriptionId, bool active, SubscriptionHealth health, CancellationToken cancellationToken = default)
    {
        using var connection = _connections.Open();
        var changed = connection.Command("UPDATE subscriptions SET active = $active, health = $health WHERE id = $id AND tenant_id = $tenant")
            .With("$id", subscriptionId).With("$tenant", tenantId).With("$active", active ? 1 : 0)
            .With("$health", JsonSerializer.Serialize(health, SqliteSubscriptionJson.Default.SubscriptionHealth))
            .ExecuteNonQuery();
        return Task.FromResult(changed > 0);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        using var connection = _connections.Open();
        using var select = connection.Command($"SELECT {SubscriptionColumns} FROM subscriptions WHERE tenant_id = $tenant ORDER BY created_at, id")
            .With("$tenant", tenantId);
        using var reader = select.ExecuteReader();
        var list = new List<Subscription>();
        while (reader.Read()) list.Add(ReadSubscription(reader, 0));
        return Task.FromResult<IReadOnlyList<Subscription>>(list);
    }

    internal const string SubscriptionColumns = "id, tenant_id, url, event_types, source_ids, secret, active, created_at, settings, health, signing_keys";

    internal static Subscription ReadSubscription(SqliteDataReader reader, int offset) => new(
        reader.GetString(offset),
        reader.GetString(offset + 1),
        reader.GetString(offset + 2),
        JsonSerializer.Deserialize(reader.GetString(offset + 3), SqliteJson.Default.StringArray)!,
        JsonSerializer.Deserialize(reader.GetString(offset + 4), SqliteJson.Default.StringArray)!,
        reader.GetString(offset + 5),
        reader.GetInt64(offset + 6) != 0,
        reader.Time(offset + 7))
    {
        Settings = JsonSerializer.Deserialize(reader.GetString(offset + 8), SqliteSubscriptionJson.Default.SubscriptionSettings)!,
        Health = JsonSerializer.Deserialize(reader.GetString(offset + 9), SqliteSubscriptionJson.Default.SubscriptionHealth)!,
        SigningKeys = JsonSerializer.Deserialize(reader.GetString(offset + 10), SqliteSubscriptionJson.Default.SubscriptionSigningKeys)!,
    };

    private List<Source> ReadSources(string where, string key)
    {
        using var connection = _connections.Open();
        using var reader = connection.Command($"SELECT id, tenant_id, name, provider, secrets, options, created_at FROM sources {where}")
            .With("$key", key).ExecuteReader();
        var list = new List<Source>();
        while (reader.Read())
        {
            list.Add(new Source(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                JsonSerializer.Deserialize(reader.GetString(4), SqliteJson.Default.SourceSecretArray)!,
                JsonSerializer.Deserialize(reader.GetString(5), SqliteJson.Default.DictionaryStringString)!,
                reader.Time(6)));
        }

        return list;
    }
}
