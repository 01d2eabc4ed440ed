using WebhookHub.Delivery;

namespace WebhookHub.Storage.Sqlite;

public sealed partial class SqliteWebhookStore
{
    /// <inheritdoc/>
    public Task<ClaimByIdResult> ClaimByIdAsync(string tenantId, string deliveryId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(deliveryId);
        var nowMillis = SqliteCommands.Millis(now);
        using var connection = _connections.Open();
        using var write = _connections.BeginWrite(connection);
        var transaction = write.Transaction;

        WebhookDelivery delivery;
        long leaseUntil;
        using (var select = connection.Command($"SELECT {DeliveryColumns}, lease_until FROM deliveries WHERE id = $id AND tenant_id = $tenant", transaction)
            .With("$id", deliveryId).With("$tenant", tenantId))
        using (var reader = select.ExecuteReader())
        {
            if (!reader.Read()) return Task.FromResult(ClaimByIdResult.NotFound);
            delivery = ReadDelivery(reader, 0);
            leaseUntil = reader.GetInt64(12);
        }

        var outcome = delivery.Status is DeliveryStatus.Succeeded or DeliveryStatus.Dead ? ClaimByIdOutcome.Terminal
            : leaseUntil > nowMillis ? ClaimByIdOutcome.Leased
            : delivery.NextAttemptAt > now ? ClaimByIdOutcome.NotDue
            : ClaimByIdOutcome.Claimed;
        if (outcome != ClaimByIdOutcome.Claimed) return Task.FromResult(new ClaimByIdResult(outcome, delivery, null));

        WebhookHub.Ingestion.WebhookEvent? webhookEvent = null;
        using (var read = connection.Command($"SELECT {EventColumns} FROM events WHERE id = $id", transaction).With("$id", delivery.EventId))
        using (var reader = read.ExecuteReader())
        {
            if (reader.Read()) webhookEvent = ReadEvent(reader, 0);
        }

        if (webhookEvent is null || !ReadSubscriptions(connection, transaction, [delivery.SubscriptionId]).TryGetValue(delivery.SubscriptionId, out var subscription))
        {
            return Task.FromResult(ClaimByIdResult.NotFound);
        }

        Lease(connection, transaction, [deliveryId], nowMillis, SqliteCommands.Millis(now + lease));
        transaction.Commit();
        return Task.FromResult(new ClaimByIdResult(ClaimByIdOutcome.Claimed, delivery, new DeliveryJob(delivery, webhookEvent, subscription)));
    }

    /// <inheritdoc/>
    public Task<WebhookHub.Ingestion.WebhookEvent?> FindEventAsync(string tenantId, string eventId, CancellationToken cancellationToken = default)
    {
        using var connection = _connections.Open();
        using var reader = connection.Command($"SELECT {EventColumns} FROM events WHERE id = $id AND tenant_id = $tenant")
            .With("$id", eventId).With("$tenant", tenantId).ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadEvent(reader, 0) : null);
    }
}
