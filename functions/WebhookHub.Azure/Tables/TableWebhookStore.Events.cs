using WebhookHub.Azure.Messaging;
using WebhookHub.Delivery;
using WebhookHub.Ingestion;
using WebhookHub.Routing;
using WebhookHub.Tracing;

namespace WebhookHub.Azure.Tables;

public sealed partial class TableWebhookStore : IEventStore, IDispatchQueue, IEventOutbox
{
    /// <inheritdoc/>
    public event Action<OutboxEntry>? Stored;

    /// <inheritdoc/>
    /// <remarks>
    /// One entity group transaction in the tenant's partition: the event row (key = event ID: this insert is the inbox, and 409
    /// EntityAlreadyExists on it means a duplicate), its listing row and its outbox row. Either all three are stored or none.
    /// </remarks>
    public async Task<bool> AppendAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken = default)
    {
        var partition = TableRowKeys.Id(webhookEvent.TenantId);
        var row = new TableEntity(partition, TableRowKeys.Id(webhookEvent.Id))
        {
            ["SourceId"] = webhookEvent.SourceId,
            ["ProviderEventId"] = webhookEvent.ProviderEventId,
            ["EventType"] = webhookEvent.EventType,
            ["ContentType"] = webhookEvent.ContentType,
            ["ReceivedAt"] = webhookEvent.ReceivedAt,
        };
        EventPayload.Write(row, webhookEvent.Payload);
        var listing = new TableEntity(partition, TableRowKeys.List(webhookEvent.ReceivedAt, webhookEvent.Id)) { ["EventId"] = webhookEvent.Id };
        var traceParent = TraceContext.Current();
        var outbox = new TableEntity(partition, TableRowKeys.Outbox(webhookEvent.Id))
        {
            ["EventId"] = webhookEvent.Id,
            ["StoredAt"] = webhookEvent.ReceivedAt,
            ["TraceParent"] = traceParent,
        };

        try
        {
            await _events.SubmitTransactionAsync(
                [new(TableTransactionActionType.Add, row), new(TableTransactionActionType.Add, listing), new(TableTransactionActionType.Add, outbox)],
                cancellationToken).ConfigureAwait(false);
        }
        catch (TableRequestException e) when (e is { Status: 409, FailedActionIndex: 0 or null, ErrorCode: "EntityAlreadyExists" })
        {
            return false;
        }

        Stored?.Invoke(new OutboxEntry(webhookEvent.TenantId, webhookEvent.Id, webhookEvent.ReceivedAt, traceParent));
        return true;
    }

    /// <inheritdoc/>
    public async Task<WebhookEvent?> GetEventAsync(string tenantId, string eventId, CancellationToken cancellationToken = default)
    {
        var row = await _events.GetEntityAsync(TableRowKeys.Id(tenantId), TableRowKeys.Id(eventId), cancellationToken).ConfigureAwait(false);
        return row is null ? null : ReadEvent(tenantId, eventId, row);
    }

    /// <inheritdoc/>
    public Task<WebhookEvent?> FindEventAsync(string tenantId, string eventId, CancellationToken cancellationToken = default) =>
        GetEventAsync(tenantId, eventId, cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<WebhookEvent>> ListEventsAsync(string tenantId, int limit, string? afterEventId, CancellationToken cancellationToken = default)
    {
        var partition = TableRowKeys.Id(tenantId);
        var range = TableRowKeys.Range(TableRowKeys.ListPrefix);
        if (afterEventId is not null)
        {
            if (await GetEventAsync(tenantId, afterEventId, cancellationToken).ConfigureAwait(false) is not { } after) return [];
            range = TableRowKeys.RangeAfter(TableRowKeys.ListPrefix, TableRowKeys.List(after.ReceivedAt, after.Id));
        }

        var listing = await QueryAsync(_events, TableFilter.And(TableFilter.PartitionEquals(partition), range), limit, cancellationToken).ConfigureAwait(false);
        var events = await Task.WhenAll(listing.Select(l => GetEventAsync(tenantId, l.GetString("EventId")!, cancellationToken))).ConfigureAwait(false);
        return events.OfType<WebhookEvent>().ToList();
    }

    /// <summary>Not supported: with Table Storage, stored events reach dispatch as Service Bus messages (see <see cref="IEventOutbox"/>).</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public Task<IReadOnlyList<WebhookEvent>> ClaimAsync(int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The table store is not polled: events reach dispatch through Service Bus (WebhookHub:Messaging = ServiceBus).");

    /// <inheritdoc/>
    /// <remarks>
    /// Deliveries already stored (a redelivered dispatch message) are left as they are. The event rows are then marked
    /// <c>Dispatched</c>; nothing reads that mark for correctness, it tells an operator how far dispatch got.
    /// </remarks>
    public async Task CompleteDispatchAsync(IReadOnlyList<string> eventIds, IReadOnlyList<WebhookDelivery> deliveries, CancellationToken cancellationToken = default)
    {
        foreach (var delivery in deliveries)
        {
            await AddDeliveryIfAbsentAsync(delivery, cancellationToken).ConfigureAwait(false);
        }

        var tenantOf = deliveries.GroupBy(d => d.EventId).ToDictionary(g => g.Key, g => g.First().TenantId);
        foreach (var eventId in eventIds)
        {
            if (!tenantOf.TryGetValue(eventId, out var tenantId)) continue;
            var mark = new TableEntity(TableRowKeys.Id(tenantId), TableRowKeys.Id(eventId)) { ["Dispatched"] = true };
            await MergeAsync(_events, mark, null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    async Task<IReadOnlyList<OutboxEntry>> IEventOutbox.ListAsync(DateTimeOffset storedBefore, int max, CancellationToken cancellationToken)
    {
        var entries = new List<OutboxEntry>();
        foreach (var tenantId in await ListTenantIdsAsync(cancellationToken).ConfigureAwait(false))
        {
            var filter = TableFilter.And(
                TableFilter.PartitionEquals(TableRowKeys.Id(tenantId)), TableRowKeys.Range(TableRowKeys.OutboxPrefix),
                TableFilter.Compare("StoredAt", "lt", storedBefore));
            foreach (var row in await QueryAsync(_events, filter, max - entries.Count, cancellationToken).ConfigureAwait(false))
            {
                entries.Add(new OutboxEntry(tenantId, row.GetString("EventId")!, row.GetDateTimeOffset("StoredAt")!.Value, row.GetString("TraceParent")));
            }

            if (entries.Count >= max) break;
        }

        return entries;
    }

    /// <inheritdoc/>
    Task IEventOutbox.RemoveAsync(OutboxEntry entry, CancellationToken cancellationToken) =>
        _events.DeleteEntityAsync(TableRowKeys.Id(entry.TenantId), TableRowKeys.Outbox(entry.EventId), null, cancellationToken);

    private static WebhookEvent ReadEvent(string tenantId, string eventId, TableEntity row) => new(
        eventId, tenantId, row.GetString("SourceId")!, row.GetString("ProviderEventId")!, row.GetString("EventType"),
        row.GetString("ContentType"), EventPayload.Read(row), row.GetDateTimeOffset("ReceivedAt")!.Value);
}
