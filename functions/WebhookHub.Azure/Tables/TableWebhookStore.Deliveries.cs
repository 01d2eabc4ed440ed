using System.Text.Json;
using WebhookHub.Delivery;

namespace WebhookHub.Azure.Tables;

public sealed partial class TableWebhookStore : IDeliveryStore
{
    /// <summary>How often a conditional delivery update is retried after losing a race (412) before giving up.</summary>
    private const int ConditionalRetries = 5;

    /// <summary>Not supported: with Table Storage, due deliveries arrive as Service Bus messages (<see cref="ClaimByIdAsync"/>).</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public Task<IReadOnlyList<DeliveryJob>> ClaimDueAsync(DeliveryClaim claim, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The table store is not polled: deliveries arrive through Service Bus (WebhookHub:Messaging = ServiceBus).");

    /// <inheritdoc/>
    /// <remarks>The lease is a merge conditioned on the ETag read: of two consumers racing for one delivery, one gets 412 and <see cref="ClaimByIdOutcome.Leased"/>.</remarks>
    public async Task<ClaimByIdResult> ClaimByIdAsync(string tenantId, string deliveryId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(deliveryId);
        var row = await _deliveries.GetEntityAsync(TableRowKeys.Id(tenantId), TableRowKeys.Id(deliveryId), cancellationToken).ConfigureAwait(false);
        if (row is null) return ClaimByIdResult.NotFound;
        var delivery = ReadDelivery(tenantId, row);
        var outcome = delivery.Status is DeliveryStatus.Succeeded or DeliveryStatus.Dead ? ClaimByIdOutcome.Terminal
            : (row.GetInt64("LeaseUntil") ?? 0) > now.UtcTicks ? ClaimByIdOutcome.Leased
            : delivery.NextAttemptAt > now ? ClaimByIdOutcome.NotDue
            : ClaimByIdOutcome.Claimed;
        if (outcome != ClaimByIdOutcome.Claimed) return new ClaimByIdResult(outcome, delivery, null);

        var webhookEvent = await GetEventAsync(tenantId, delivery.EventId, cancellationToken).ConfigureAwait(false);
        var subscription = await GetSubscriptionAsync(tenantId, delivery.SubscriptionId, cancellationToken).ConfigureAwait(false);
        if (webhookEvent is null || subscription is null) return ClaimByIdResult.NotFound;

        var leased = new TableEntity(row.PartitionKey, row.RowKey) { ["LeaseUntil"] = (now + lease).UtcTicks };
        if (!await MergeAsync(_deliveries, leased, row.ETag, cancellationToken).ConfigureAwait(false))
        {
            return new ClaimByIdResult(ClaimByIdOutcome.Leased, delivery, null);
        }

        return new ClaimByIdResult(ClaimByIdOutcome.Claimed, delivery, new DeliveryJob(delivery, webhookEvent, subscription));
    }

    /// <inheritdoc/>
    public Task<bool> DeferAsync(string tenantId, string deliveryId, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        UpdateDeliveryAsync(tenantId, deliveryId, d => IsOpen(d) ? d with { NextAttemptAt = until } : null, cancellationToken);

    /// <inheritdoc/>
    public Task<bool> DeadLetterAsync(string tenantId, string deliveryId, string reason, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        UpdateDeliveryAsync(tenantId, deliveryId,
            d => IsOpen(d) ? d with { Status = DeliveryStatus.Dead, LastError = reason, NextAttemptAt = now, UpdatedAt = now } : null, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>One transaction: the delivery's new state, its listing row and the attempt (attempt rows are keyed by number, so a repeat replaces itself).</remarks>
    public Task RecordAttemptAsync(WebhookDelivery updated, DeliveryAttempt attempt, CancellationToken cancellationToken = default) =>
        _deliveries.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.UpdateMerge, DeliveryRow(updated, TableRowKeys.Id(updated.Id), leaseReleased: true)),
            new(TableTransactionActionType.UpsertReplace, DeliveryRow(updated, TableRowKeys.List(updated.CreatedAt, updated.Id), leaseReleased: false)),
            new(TableTransactionActionType.UpsertReplace, AttemptRow(updated.TenantId, attempt)),
        ], cancellationToken);

    /// <inheritdoc/>
    public async Task<WebhookDelivery?> GetDeliveryAsync(string tenantId, string deliveryId, CancellationToken cancellationToken = default)
    {
        var row = await _deliveries.GetEntityAsync(TableRowKeys.Id(tenantId), TableRowKeys.Id(deliveryId), cancellationToken).ConfigureAwait(false);
        return row is null ? null : ReadDelivery(tenantId, row);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string tenantId, DeliveryStatus? status, int limit, CancellationToken cancellationToken = default) =>
        ListDeliveriesAsync(tenantId, new DeliveryQuery(status, Limit: limit), cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<DeliveryAttempt>> ListAttemptsAsync(string tenantId, string deliveryId, CancellationToken cancellationToken = default)
    {
        var filter = TableFilter.And(TableFilter.PartitionEquals(TableRowKeys.Id(tenantId)), TableRowKeys.Range(TableRowKeys.AttemptsOf(deliveryId)));
        var rows = await QueryAsync(_deliveries, filter, null, cancellationToken).ConfigureAwait(false);
        return rows.Select(r => ReadAttempt(deliveryId, r)).ToList();
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<string>> ReplayAsync(IReadOnlyList<WebhookDelivery> deliveries, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        foreach (var delivery in deliveries)
        {
            var replayed = await UpdateDeliveryAsync(delivery.TenantId, delivery.Id,
                d => d with { Status = DeliveryStatus.Pending, RetryIndex = 0, NextAttemptAt = now, UpdatedAt = now }, cancellationToken).ConfigureAwait(false);
            if (!replayed) await AddDeliveryIfAbsentAsync(delivery with { NextAttemptAt = now, UpdatedAt = now }, cancellationToken).ConfigureAwait(false);
        }

        return deliveries.Select(d => d.Id).ToList();
    }

    private static bool IsOpen(WebhookDelivery delivery) => delivery.Status is DeliveryStatus.Pending or DeliveryStatus.Failed;

    /// <summary>Stores a new delivery and its listing row; one that exists already is left as it is.</summary>
    private async Task AddDeliveryIfAbsentAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            await _deliveries.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Add, DeliveryRow(delivery, TableRowKeys.Id(delivery.Id), leaseReleased: true)),
                new(TableTransactionActionType.Add, DeliveryRow(delivery, TableRowKeys.List(delivery.CreatedAt, delivery.Id), leaseReleased: false)),
            ], cancellationToken).ConfigureAwait(false);
        }
        catch (TableRequestException e) when (e is { Status: 409, ErrorCode: "EntityAlreadyExists" })
        {
        }
    }

    /// <summary>
    /// Read, change, write back conditioned on the ETag, retried when another writer got there first. <paramref name="change"/>
    /// returns <see langword="null"/> to leave the delivery alone. The delivery row and its listing row change together.
    /// </summary>
    /// <returns><see langword="false"/> when there is no such delivery or <paramref name="change"/> declined.</returns>
    private async Task<bool> UpdateDeliveryAsync(string tenantId, string deliveryId, Func<WebhookDelivery, WebhookDelivery?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var row = await _deliveries.GetEntityAsync(TableRowKeys.Id(tenantId), TableRowKeys.Id(deliveryId), cancellationToken).ConfigureAwait(false);
            if (row is null || change(ReadDelivery(tenantId, row)) is not { } updated) return false;
            try
            {
                await _deliveries.SubmitTransactionAsync(
                [
                    new(TableTransactionActionType.UpdateMerge, DeliveryRow(updated, row.RowKey, leaseReleased: true), row.ETag),
                    new(TableTransactionActionType.UpsertReplace, DeliveryRow(updated, TableRowKeys.List(updated.CreatedAt, updated.Id), leaseReleased: false)),
                ], cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (TableRequestException e) when (e.Status == 412 && attempt < ConditionalRetries)
            {
            }
        }
    }

    private static TableEntity DeliveryRow(WebhookDelivery d, string rowKey, bool leaseReleased)
    {
        var row = new TableEntity(TableRowKeys.Id(d.TenantId), rowKey)
        {
            ["DeliveryId"] = d.Id,
            ["EventId"] = d.EventId,
            ["SubscriptionId"] = d.SubscriptionId,
            ["Status"] = (int)d.Status,
            ["AttemptCount"] = d.AttemptCount,
            ["RetryIndex"] = d.RetryIndex,
            ["NextAttemptAt"] = d.NextAttemptAt,
            ["CreatedAt"] = d.CreatedAt,
            ["UpdatedAt"] = d.UpdatedAt,
            // Merges cannot remove a property, so "no value" is stored as -1 / empty rather than left out.
            ["LastStatusCode"] = d.LastStatusCode ?? -1,
            ["LastError"] = d.LastError ?? "",
        };
        if (leaseReleased) row["LeaseUntil"] = 0L;
        return row;
    }

    private static WebhookDelivery ReadDelivery(string tenantId, TableEntity row) => new(
        row.GetString("DeliveryId")!, tenantId, row.GetString("EventId")!, row.GetString("SubscriptionId")!,
        (DeliveryStatus)row.GetInt32("Status")!.Value, row.GetInt32("AttemptCount")!.Value, row.GetInt32("RetryIndex")!.Value,
        row.GetDateTimeOffset("NextAttemptAt")!.Value, row.GetDateTimeOffset("CreatedAt")!.Value, row.GetDateTimeOffset("UpdatedAt")!.Value,
        row.GetInt32("LastStatusCode") is { } code and >= 0 ? code : null,
        row.GetString("LastError") is { Length: > 0 } error ? error : null);

    private static TableEntity AttemptRow(string tenantId, DeliveryAttempt a) => new(TableRowKeys.Id(tenantId), TableRowKeys.Attempt(a.DeliveryId, a.AttemptNumber))
    {
        ["AttemptNumber"] = a.AttemptNumber,
        ["StartedAt"] = a.StartedAt,
        ["DurationMilliseconds"] = a.DurationMilliseconds,
        ["StatusCode"] = a.StatusCode,
        ["Error"] = a.Error,
        ["ResponseBody"] = a.ResponseBody,
        ["Outcome"] = (int)a.Outcome,
        ["ResponseHeaders"] = a.ResponseHeaders is { } headers
            ? JsonSerializer.Serialize(new Dictionary<string, string>(headers), TableStoreJson.Default.DictionaryStringString)
            : null,
    };

    private static DeliveryAttempt ReadAttempt(string deliveryId, TableEntity row) => new(
        deliveryId, row.GetInt32("AttemptNumber")!.Value, row.GetDateTimeOffset("StartedAt")!.Value, row.GetInt64("DurationMilliseconds")!.Value,
        row.GetInt32("StatusCode"), row.GetString("Error"), row.GetString("ResponseBody"), (DeliveryStatus)row.GetInt32("Outcome")!.Value)
    {
        ResponseHeaders = row.GetString("ResponseHeaders") is { } headers
            ? JsonSerializer.Deserialize(headers, TableStoreJson.Default.DictionaryStringString)
            : null,
    };
}
