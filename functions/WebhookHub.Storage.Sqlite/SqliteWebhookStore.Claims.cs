using Microsoft.Data.Sqlite;
using WebhookHub.Delivery;

namespace WebhookHub.Storage.Sqlite;

public sealed partial class SqliteWebhookStore
{
    /// <summary>
    /// Subscriptions with a due, unleased delivery, with their tenant, cap setting and oldest due time. The recursive part is a
    /// loose index scan of <c>deliveries_waiting</c> (one probe per subscription with waiting deliveries, however many deliveries
    /// each has; leased ones, at most the subscription's cap, are skipped). Ordered for
    /// fairness: every tenant's oldest-due subscription first, then every tenant's second, and so on.
    /// </summary>
    private const string ClaimCandidatesSql = """
        WITH RECURSIVE waiting(id) AS (
            SELECT (SELECT min(subscription_id) FROM deliveries WHERE status IN (0, 2))
            UNION ALL
            SELECT (SELECT min(subscription_id) FROM deliveries WHERE status IN (0, 2) AND subscription_id > waiting.id)
            FROM waiting WHERE waiting.id IS NOT NULL),
        candidates AS (
            SELECT s.id AS id, s.tenant_id AS tenant_id, json_extract(s.settings, '$.maxConcurrency') AS cap,
                (SELECT d.next_attempt_at FROM deliveries d
                 WHERE d.subscription_id = s.id AND d.status IN (0, 2) AND d.lease_until <= $now
                 ORDER BY d.next_attempt_at LIMIT 1) AS oldest
            FROM waiting JOIN subscriptions s ON s.id = waiting.id)
        SELECT id, tenant_id, cap FROM candidates WHERE oldest <= $now
        ORDER BY row_number() OVER (PARTITION BY tenant_id ORDER BY oldest, id), oldest, id
        """;

    private const string DueOfSubscriptionSql = """
        SELECT id FROM deliveries
        WHERE subscription_id = $subscription AND status IN (0, 2) AND next_attempt_at <= $now AND lease_until <= $now
        ORDER BY next_attempt_at LIMIT $limit
        """;

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="DeliveryClaim.Max"/> is less than 1.</exception>
    public Task<IReadOnlyList<DeliveryJob>> ClaimDueAsync(DeliveryClaim claim, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(claim.Max, 1);
        var now = SqliteCommands.Millis(claim.Now);
        using var connection = _connections.Open();
        using var write = _connections.BeginWrite(connection);
        var transaction = write.Transaction;

        var order = FairOrder(claim, PickDue(connection, transaction, claim, now));
        var leased = Lease(connection, transaction, order, now, SqliteCommands.Millis(claim.Now + claim.Lease));
        var jobs = new List<DeliveryJob>(leased.Count);
        if (leased.Count > 0)
        {
            var rows = new List<(WebhookDelivery Delivery, WebhookHub.Ingestion.WebhookEvent Event)>(leased.Count);
            using (var select = connection.Command("", transaction))
            {
                var list = select.InList(leased);
                select.CommandText = $"""
                    SELECT {Prefixed("d", DeliveryColumns)}, {Prefixed("e", EventColumns)}
                    FROM deliveries d JOIN events e ON e.id = d.event_id
                    WHERE d.id IN ({list})
                    """;
                using var reader = select.ExecuteReader();
                while (reader.Read()) rows.Add((ReadDelivery(reader, 0), ReadEvent(reader, 12)));
            }

            // A claim usually holds many deliveries of few subscriptions: read (and parse) each subscription once, not once per row.
            var subscriptions = ReadSubscriptions(connection, transaction, rows.Select(row => row.Delivery.SubscriptionId).Distinct().ToList());
            foreach (var (delivery, webhookEvent) in rows)
            {
                if (subscriptions.TryGetValue(delivery.SubscriptionId, out var subscription)) jobs.Add(new DeliveryJob(delivery, webhookEvent, subscription));
            }
        }

        transaction.Commit();
        var position = order.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index);
        jobs.Sort((a, b) => position[a.Delivery.Id].CompareTo(position[b.Delivery.Id]));
        return Task.FromResult<IReadOnlyList<DeliveryJob>>(jobs);
    }

    private static Dictionary<string, WebhookHub.Tenancy.Subscription> ReadSubscriptions(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<string> ids)
    {
        using var select = connection.Command("", transaction);
        select.CommandText = $"SELECT {SubscriptionColumns} FROM subscriptions WHERE id IN ({select.InList(ids)})";
        using var reader = select.ExecuteReader();
        var subscriptions = new Dictionary<string, WebhookHub.Tenancy.Subscription>(ids.Count);
        while (reader.Read())
        {
            var subscription = ReadSubscription(reader, 0);
            subscriptions[subscription.Id] = subscription;
        }

        return subscriptions;
    }

    /// <summary>Each candidate subscription's due delivery IDs (oldest first, within its allowance), grouped by tenant in fair order.</summary>
    private static List<List<Queue<string>>> PickDue(SqliteConnection connection, SqliteTransaction transaction, DeliveryClaim claim, long now)
    {
        var candidates = new List<(string Subscription, string Tenant, int? Cap)>();
        using (var select = connection.Command(ClaimCandidatesSql, transaction).With("$now", now))
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                candidates.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : (int)reader.GetInt64(2)));
            }
        }

        using var due = connection.Command(DueOfSubscriptionSql, transaction);
        var subscriptionParameter = due.Parameters.Add("$subscription", SqliteType.Text);
        var limitParameter = due.Parameters.Add("$limit", SqliteType.Integer);
        due.Parameters.AddWithValue("$now", now);

        var tenants = new List<List<Queue<string>>>();
        var byTenant = new Dictionary<string, List<Queue<string>>>();
        var picked = 0;
        foreach (var (subscription, tenant, cap) in candidates)
        {
            // Candidates come round by round (every tenant's first subscription, then every tenant's second, …) and the claim
            // takes one delivery per subscription per round, so subscriptions after the first Max picked would get no turn.
            if (picked == claim.Max) break;
            var allowance = Math.Min(claim.AllowanceFor(subscription, cap), claim.Max);
            if (allowance == 0) continue;

            subscriptionParameter.Value = subscription;
            limitParameter.Value = allowance;
            var ids = new Queue<string>(allowance);
            using (var reader = due.ExecuteReader())
            {
                while (reader.Read()) ids.Enqueue(reader.GetString(0));
            }

            if (ids.Count == 0) continue;
            if (!byTenant.TryGetValue(tenant, out var queues))
            {
                byTenant[tenant] = queues = [];
                tenants.Add(queues);
            }

            queues.Add(ids);
            picked++;
        }

        return tenants;
    }

    /// <summary>
    /// Interleaves the picks: one delivery per tenant per round (tenants in order of their oldest due delivery), each tenant
    /// rotating over its subscriptions, each subscription's deliveries oldest first; at most <see cref="DeliveryClaim.Max"/>.
    /// </summary>
    private static List<string> FairOrder(DeliveryClaim claim, List<List<Queue<string>>> tenants)
    {
        var order = new List<string>(claim.Max);
        var turns = tenants.Select(subscriptions => new Queue<Queue<string>>(subscriptions)).ToList();
        while (order.Count < claim.Max && turns.Count > 0)
        {
            for (var i = 0; i < turns.Count && order.Count < claim.Max;)
            {
                var subscriptions = turns[i];
                var next = subscriptions.Dequeue();
                order.Add(next.Dequeue());
                if (next.Count > 0) subscriptions.Enqueue(next);
                if (subscriptions.Count == 0) turns.RemoveAt(i);
                else i++;
            }
        }

        return order;
    }

    private static List<string> Lease(SqliteConnection connection, SqliteTransaction transaction, List<string> ids, long now, long until)
    {
        var leased = new List<string>(ids.Count);
        if (ids.Count == 0) return leased;
        using var update = connection.Command("", transaction);
        var list = update.InList(ids);
        update.CommandText = $"""
            UPDATE deliveries SET lease_until = $until
            WHERE id IN ({list}) AND status IN (0, 2) AND next_attempt_at <= $now AND lease_until <= $now
            RETURNING id
            """;
        update.With("$until", until).With("$now", now);
        using var reader = update.ExecuteReader();
        while (reader.Read()) leased.Add(reader.GetString(0));
        return leased;
    }

    /// <inheritdoc/>
    public Task<bool> DeferAsync(string tenantId, string deliveryId, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        using var connection = _connections.Open();
        using var command = connection.Command("""
            UPDATE deliveries SET next_attempt_at = $until, lease_until = 0 WHERE id = $id AND tenant_id = $tenant AND status IN (0, 2)
            """)
            .With("$id", deliveryId).With("$tenant", tenantId).With("$until", SqliteCommands.Millis(until));
        var changed = command.ExecuteNonQuery();
        return Task.FromResult(changed > 0);
    }

    /// <inheritdoc/>
    public Task<bool> DeadLetterAsync(string tenantId, string deliveryId, string reason, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        using var connection = _connections.Open();
        using var command = connection.Command("""
            UPDATE deliveries SET status = 3, last_error = $reason, lease_until = 0, next_attempt_at = $now, updated_at = $now
            WHERE id = $id AND tenant_id = $tenant AND status IN (0, 2)
            """)
            .With("$id", deliveryId).With("$tenant", tenantId).With("$reason", reason).With("$now", SqliteCommands.Millis(now));
        var changed = command.ExecuteNonQuery();
        return Task.FromResult(changed > 0);
    }
}
