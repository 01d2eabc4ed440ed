using System.Globalization;
using Microsoft.Data.Sqlite;
using WebhookHub.Delivery;

namespace WebhookHub.Storage.Sqlite;

public sealed partial class SqliteWebhookStore : IDeliveryQueries
{
    // Newest first: created_at DESC, then id ascending (the order GET /api/deliveries always had). The page after delivery $after
    // holds the rows that sort after it. The status is written into the SQL as a number (never user text), so that SQLite can
    // prove "status = 3" and use the partial dead-letter index.
    private const string AfterCursor = """
        AND (d.created_at < (SELECT created_at FROM deliveries WHERE id = $after AND tenant_id = $tenant)
             OR (d.created_at = (SELECT created_at FROM deliveries WHERE id = $after AND tenant_id = $tenant) AND d.id > $after))
        """;

    /// <summary>The dead-letter query's first page (tests check its plan uses <c>deliveries_dead_by_subscription</c>).</summary>
    internal const string DeadLettersSql = $"""
        SELECT d.id, d.event_id, e.event_type, d.subscription_id, d.last_error, d.last_status_code, d.attempt_count, d.updated_at, d.created_at
        FROM deliveries d JOIN events e ON e.id = d.event_id
        WHERE d.subscription_id = $subscription AND d.status = 3 AND d.tenant_id = $tenant
        ORDER BY d.created_at DESC, d.id LIMIT $limit
        """;

    private const string DeadLettersAfterSql = $"""
        SELECT d.id, d.event_id, e.event_type, d.subscription_id, d.last_error, d.last_status_code, d.attempt_count, d.updated_at, d.created_at
        FROM deliveries d JOIN events e ON e.id = d.event_id
        WHERE d.subscription_id = $subscription AND d.status = 3 AND d.tenant_id = $tenant {AfterCursor}
        ORDER BY d.created_at DESC, d.id LIMIT $limit
        """;

    /// <inheritdoc/>
    public Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string tenantId, DeliveryQuery query, CancellationToken cancellationToken = default)
    {
        var where = new List<string> { "d.tenant_id = $tenant" };
        if (query.Status is { } status) where.Add("d.status = " + ((int)status).ToString(CultureInfo.InvariantCulture));
        if (query.SubscriptionId is not null) where.Add("d.subscription_id = $subscription");
        if (query.EventId is not null) where.Add("d.event_id = $event");
        using var connection = _connections.Open();
        using var reader = connection.Command($"""
            SELECT {Prefixed("d", DeliveryColumns)} FROM deliveries d
            WHERE {string.Join(" AND ", where)} {(query.AfterDeliveryId is null ? "" : AfterCursor)}
            ORDER BY d.created_at DESC, d.id LIMIT $limit
            """)
            .With("$tenant", tenantId).With("$subscription", query.SubscriptionId).With("$event", query.EventId)
            .With("$after", query.AfterDeliveryId).With("$limit", query.Limit)
            .ExecuteReader();
        var list = new List<WebhookDelivery>();
        while (reader.Read()) list.Add(ReadDelivery(reader, 0));
        return Task.FromResult<IReadOnlyList<WebhookDelivery>>(list);
    }

    /// <inheritdoc/>
    /// <remarks>Served by the partial index <c>deliveries_dead_by_subscription</c>.</remarks>
    public Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(
        string tenantId, string subscriptionId, int limit, string? afterDeliveryId, CancellationToken cancellationToken = default)
    {
        using var connection = _connections.Open();
        using var reader = connection.Command(afterDeliveryId is null ? DeadLettersSql : DeadLettersAfterSql)
            .With("$tenant", tenantId).With("$subscription", subscriptionId).With("$after", afterDeliveryId).With("$limit", limit)
            .ExecuteReader();
        var list = new List<DeadLetter>();
        while (reader.Read())
        {
            list.Add(new DeadLetter(reader.GetString(0), reader.GetString(1), reader.NullableString(2), reader.GetString(3),
                reader.NullableString(4), reader.NullableInt(5), reader.GetInt32(6), reader.Time(7), reader.Time(8)));
        }

        return Task.FromResult<IReadOnlyList<DeadLetter>>(list);
    }
}
