using WebhookHub.Delivery;

namespace WebhookHub.Azure.Tables;

public sealed partial class TableWebhookStore : IDeliveryQueries
{
    /// <inheritdoc/>
    /// <remarks>Newest first, from the tenant's listing rows; status, subscription and event filters run in the service.</remarks>
    public async Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string tenantId, DeliveryQuery query, CancellationToken cancellationToken = default)
    {
        var clauses = new List<string> { TableFilter.PartitionEquals(TableRowKeys.Id(tenantId)) };
        if (query.AfterDeliveryId is null)
        {
            clauses.Add(TableRowKeys.Range(TableRowKeys.ListPrefix));
        }
        else
        {
            if (await GetDeliveryAsync(tenantId, query.AfterDeliveryId, cancellationToken).ConfigureAwait(false) is not { } after) return [];
            clauses.Add(TableRowKeys.RangeAfter(TableRowKeys.ListPrefix, TableRowKeys.List(after.CreatedAt, after.Id)));
        }

        if (query.Status is { } status) clauses.Add(TableFilter.Equal("Status", (int)status));
        if (query.SubscriptionId is not null) clauses.Add(TableFilter.Equal("SubscriptionId", query.SubscriptionId));
        if (query.EventId is not null) clauses.Add(TableFilter.Equal("EventId", query.EventId));
        var rows = await QueryAsync(_deliveries, TableFilter.And([.. clauses]), query.Limit, cancellationToken).ConfigureAwait(false);
        return rows.Select(r => ReadDelivery(tenantId, r)).ToList();
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(
        string tenantId, string subscriptionId, int limit, string? afterDeliveryId, CancellationToken cancellationToken = default)
    {
        var dead = await ListDeliveriesAsync(tenantId, new DeliveryQuery(DeliveryStatus.Dead, subscriptionId, Limit: limit, AfterDeliveryId: afterDeliveryId),
            cancellationToken).ConfigureAwait(false);
        var eventTypes = new Dictionary<string, string?>();
        foreach (var eventId in dead.Select(d => d.EventId).Distinct())
        {
            eventTypes[eventId] = (await GetEventAsync(tenantId, eventId, cancellationToken).ConfigureAwait(false))?.EventType;
        }

        return dead.Select(d => new DeadLetter(d.Id, d.EventId, eventTypes[d.EventId], d.SubscriptionId, d.LastError, d.LastStatusCode,
            d.AttemptCount, d.UpdatedAt, d.CreatedAt)).ToList();
    }
}
