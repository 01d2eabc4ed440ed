using Microsoft.Data.Sqlite;
using WebhookHub.Delivery;
using WebhookHub.Ingestion;
using WebhookHub.Routing;

namespace WebhookHub.Storage.Sqlite;

public sealed partial class SqliteWebhookStore : IEventStore, IDispatchQueue
{
    private const string EventColumns = "id, tenant_id, source_id, provider_event_id, event_type, content_type, payload, received_at";

    /// <summary>Raised after events were appended, so a waiting dispatch worker can start without polling.</summary>
    public event Action? EventsAppended;

    /// <inheritdoc/>
    public async Task<bool> AppendAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken = default)
    {
        var inserted = await _committer.AppendAsync(webhookEvent).ConfigureAwait(false);
        if (inserted) EventsAppended?.Invoke();
        return inserted;
    }

    /// <inheritdoc/>
    public Task<WebhookEvent?> GetEventAsync(string tenantId, string eventId, CancellationToken cancellationToken = default)
    {
        using var connection = _connections.Open();
        using var reader = connection.Command($"SELECT {EventColumns} FROM events WHERE id = $id AND tenant_id = $tenant")
            .With("$id", eventId).With("$tenant", tenantId).ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadEvent(reader, 0) : null);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<WebhookEvent>> ListEventsAsync(string tenantId, int limit, string? afterEventId, CancellationToken cancellationToken = default)
    {
        using var connection = _connections.Open();
        var cursor = afterEventId is null
            ? ""
            : "AND (received_at, id) < (SELECT received_at, id FROM events WHERE id = $after AND tenant_id = $tenant)";
        using var reader = connection.Command($"""
            SELECT {EventColumns} FROM events WHERE tenant_id = $tenant {cursor}
            ORDER BY received_at DESC, id DESC LIMIT $limit
            """)
            .With("$tenant", tenantId).With("$after", afterEventId).With("$limit", limit)
            .ExecuteReader();
        var list = new List<WebhookEvent>();
        while (reader.Read()) list.Add(ReadEvent(reader, 0));
        return Task.FromResult<IReadOnlyList<WebhookEvent>>(list);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<WebhookEvent>> ClaimAsync(int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        using var connection = _connections.Open();
        using var reader = connection.Command($"""
            UPDATE events SET lease_until = $until
            WHERE id IN (SELECT id FROM events WHERE dispatched = 0 AND lease_until <= $now ORDER BY received_at LIMIT $max)
            RETURNING {EventColumns}
            """)
            .With("$until", SqliteCommands.Millis(now + lease)).With("$now", SqliteCommands.Millis(now)).With("$max", max)
            .ExecuteReader();
        var list = new List<WebhookEvent>();
        while (reader.Read()) list.Add(ReadEvent(reader, 0));
        return Task.FromResult<IReadOnlyList<WebhookEvent>>(list);
    }

    /// <inheritdoc/>
    public Task CompleteDispatchAsync(IReadOnlyList<string> eventIds, IReadOnlyList<WebhookDelivery> deliveries, CancellationToken cancellationToken = default)
    {
        using var connection = _connections.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var delivery in deliveries) InsertDelivery(connection, transaction, delivery, onConflict: "DO NOTHING");
        using var update = connection.Command("UPDATE events SET dispatched = 1, lease_until = 0 WHERE id = $id", transaction);
        var id = update.Parameters.Add(new SqliteParameter { ParameterName = "$id" });
        foreach (var eventId in eventIds)
        {
            id.Value = eventId;
            update.ExecuteNonQuery();
        }

        transaction.Commit();
        if (deliveries.Count > 0) DeliveriesDue?.Invoke();
        return Task.CompletedTask;
    }

    internal static WebhookEvent ReadEvent(SqliteDataReader reader, int offset) => new(
        reader.GetString(offset),
        reader.GetString(offset + 1),
        reader.GetString(offset + 2),
        reader.GetString(offset + 3),
        reader.NullableString(offset + 4),
        reader.NullableString(offset + 5),
        (byte[])reader.GetValue(offset + 6),
        reader.Time(offset + 7));
}
