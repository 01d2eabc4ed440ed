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
            : "AND seq < (SELECT seq FROM events WHERE id = $after AND tenant_id = $tenant)";
        using var reader = connection.Command($"""
            SELECT {EventColumns} FROM events WHERE tenant_id = $tenant {cursor}
            ORDER BY seq DESC LIMIT $limit
            """)
            .With("$tenant", tenantId).With("$after", afterEventId).With("$limit", limit)
            .ExecuteReader();
        var list = new List<WebhookEvent>();
        while (reader.Read()) list.Add(ReadEvent(reader, 0));
        return Task.FromResult<IReadOnlyList<WebhookEvent>>(list);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The embedded queue has one consumer (this process's dispatch worker), so a claim needs no lease: it returns the events
    /// after the dispatch cursor, and the same ones again until <see cref="CompleteDispatchAsync"/> moves the cursor past them.
    /// </remarks>
    public Task<IReadOnlyList<WebhookEvent>> ClaimAsync(int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        using var connection = _connections.Open();
        using var select = connection.Command($"""
            SELECT {EventColumns} FROM events WHERE seq > (SELECT seq FROM dispatch_cursor WHERE id = 1) ORDER BY seq LIMIT $max
            """)
            .With("$max", max);
        using var reader = select.ExecuteReader();
        var list = new List<WebhookEvent>();
        while (reader.Read()) list.Add(ReadEvent(reader, 0));
        return Task.FromResult<IReadOnlyList<WebhookEvent>>(list);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Moves the dispatch cursor past the latest of <paramref name="eventIds"/>, but never past an undispatched event that is not
    /// among them: events are claimed in order, and an event dispatched out of order (by ID) is simply dispatched again, which
    /// its stable delivery IDs make harmless.
    /// </remarks>
    public Task CompleteDispatchAsync(IReadOnlyList<string> eventIds, IReadOnlyList<WebhookDelivery> deliveries, CancellationToken cancellationToken = default)
    {
        using var connection = _connections.Open();
        using var write = _connections.BeginWrite(connection);
        var transaction = write.Transaction;
        using (var insert = InsertDeliveryCommand(connection, transaction, onConflict: "DO NOTHING"))
        {
            foreach (var delivery in deliveries) InsertDelivery(insert, delivery);
        }

        using var advance = connection.Command("", transaction);
        // The cursor only moves over a run of dispatched events: never past an earlier event not in this batch (one dispatched
        // by ID through the Functions host, say), or that event would never be dispatched.
        var ids = advance.InList(eventIds);
        advance.CommandText = $"""
            UPDATE dispatch_cursor SET seq = max(seq, min(
                (SELECT coalesce(max(seq), 0) FROM events WHERE id IN ({ids})),
                coalesce((SELECT min(e.seq) - 1 FROM events e WHERE e.seq > dispatch_cursor.seq AND e.id NOT IN ({ids})), 9223372036854775807)))
            WHERE id = 1
            """;
        advance.ExecuteNonQuery();
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
