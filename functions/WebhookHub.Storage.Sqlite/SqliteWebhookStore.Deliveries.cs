using Microsoft.Data.Sqlite;
using WebhookHub.Delivery;

namespace WebhookHub.Storage.Sqlite;

public sealed partial class SqliteWebhookStore : IDeliveryStore
{
    private const string DeliveryColumns =
        "id, tenant_id, event_id, subscription_id, status, attempt_count, retry_index, next_attempt_at, created_at, updated_at, last_status_code, last_error";

    /// <summary>Raised after deliveries became due now (fan-out or replay), so a waiting delivery worker can start without polling.</summary>
    public event Action? DeliveriesDue;

    /// <inheritdoc/>
    public Task<IReadOnlyList<DeliveryJob>> ClaimDueAsync(int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default) =>
        ClaimDueAsync(new DeliveryClaim(max, now, lease) { DefaultMaxConcurrencyPerSubscription = max }, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// Group commit (<see cref="AttemptGroupCommitter"/>): attempts recorded at the same time share one transaction, and each
    /// call returns only once its attempt is durable.
    /// </remarks>
    public Task RecordAttemptAsync(WebhookDelivery updated, DeliveryAttempt attempt, CancellationToken cancellationToken = default) =>
        _attempts.RecordAsync(updated, attempt);

    /// <inheritdoc/>
    public Task<WebhookDelivery?> GetDeliveryAsync(string tenantId, string deliveryId, CancellationToken cancellationToken = default)
    {
        using var connection = _connections.Open();
        using var reader = connection.Command($"SELECT {DeliveryColumns} FROM deliveries WHERE id = $id AND tenant_id = $tenant")
            .With("$id", deliveryId).With("$tenant", tenantId).ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadDelivery(reader, 0) : null);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string tenantId, DeliveryStatus? status, int limit, CancellationToken cancellationToken = default)
    {
        using var connection = _connections.Open();
        using var reader = connection.Command($"""
            SELECT {DeliveryColumns} FROM deliveries WHERE tenant_id = $tenant AND ($status IS NULL OR status = $status)
            ORDER BY created_at DESC, id LIMIT $limit
            """)
            .With("$tenant", tenantId).With("$status", status is { } s ? (int)s : null).With("$limit", limit)
            .ExecuteReader();
        var list = new List<WebhookDelivery>();
        while (reader.Read()) list.Add(ReadDelivery(reader, 0));
        return Task.FromResult<IReadOnlyList<WebhookDelivery>>(list);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<DeliveryAttempt>> ListAttemptsAsync(string tenantId, string deliveryId, CancellationToken cancellationToken = default)
    {
        using var connection = _connections.Open();
        using var reader = connection.Command("""
            SELECT delivery_id, attempt_number, started_at, duration_ms, status_code, error, response_body, outcome, response_headers
            FROM attempts WHERE delivery_id = $id
              AND EXISTS (SELECT 1 FROM deliveries d WHERE d.id = $id AND d.tenant_id = $tenant)
            ORDER BY attempt_number
            """).With("$id", deliveryId).With("$tenant", tenantId).ExecuteReader();
        var list = new List<DeliveryAttempt>();
        while (reader.Read())
        {
            list.Add(new DeliveryAttempt(reader.GetString(0), reader.GetInt32(1), reader.Time(2), reader.GetInt64(3),
                reader.NullableInt(4), reader.NullableString(5), reader.NullableString(6), (DeliveryStatus)reader.GetInt32(7))
            {
                ResponseHeaders = reader.NullableString(8) is { } headers
                    ? System.Text.Json.JsonSerializer.Deserialize(headers, SqliteJson.Default.DictionaryStringString)
                    : null,
            });
        }

        return Task.FromResult<IReadOnlyList<DeliveryAttempt>>(list);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> ReplayAsync(IReadOnlyList<WebhookDelivery> deliveries, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        using var connection = _connections.Open();
        using var write = _connections.BeginWrite(connection);
        var transaction = write.Transaction;
        using (var insert = InsertDeliveryCommand(connection, transaction, onConflict: """
            DO UPDATE SET status = 0, retry_index = 0, next_attempt_at = excluded.next_attempt_at, updated_at = excluded.updated_at
            """))
        {
            foreach (var delivery in deliveries) InsertDelivery(insert, delivery with { NextAttemptAt = now, UpdatedAt = now });
        }

        transaction.Commit();
        if (deliveries.Count > 0) DeliveriesDue?.Invoke();
        return Task.FromResult<IReadOnlyList<string>>(deliveries.Select(d => d.Id).ToList());
    }

    /// <summary>
    /// One <c>INSERT … ON CONFLICT (id) <paramref name="onConflict"/></c> command for many deliveries: prepared once per batch
    /// and disposed by the caller, rather than a statement prepared (and left to the finalizer) per delivery.
    /// </summary>
    private static SqliteCommand InsertDeliveryCommand(SqliteConnection connection, SqliteTransaction transaction, string onConflict) =>
        connection.Command($"""
            INSERT INTO deliveries ({DeliveryColumns}) VALUES
                ($id, $tenant, $event, $subscription, $status, $attempts, $retry, $next, $created, $updated, $code, $error)
            ON CONFLICT (id) {onConflict}
            """, transaction);

    private static void InsertDelivery(SqliteCommand insert, WebhookDelivery d)
    {
        insert.Parameters.Clear();
        insert.With("$id", d.Id).With("$tenant", d.TenantId).With("$event", d.EventId).With("$subscription", d.SubscriptionId)
            .With("$status", (int)d.Status).With("$attempts", d.AttemptCount).With("$retry", d.RetryIndex)
            .With("$next", SqliteCommands.Millis(d.NextAttemptAt)).With("$created", SqliteCommands.Millis(d.CreatedAt))
            .With("$updated", SqliteCommands.Millis(d.UpdatedAt)).With("$code", d.LastStatusCode).With("$error", d.LastError)
            .ExecuteNonQuery();
    }

    private static WebhookDelivery ReadDelivery(SqliteDataReader reader, int o) => new(
        reader.GetString(o), reader.GetString(o + 1), reader.GetString(o + 2), reader.GetString(o + 3),
        (DeliveryStatus)reader.GetInt32(o + 4), reader.GetInt32(o + 5), reader.GetInt32(o + 6), reader.Time(o + 7),
        reader.Time(o + 8), reader.Time(o + 9), reader.NullableInt(o + 10), reader.NullableString(o + 11));

    private static string Prefixed(string alias, string columns) =>
        string.Join(", ", columns.Split(", ").Select(c => alias + "." + c));
}
