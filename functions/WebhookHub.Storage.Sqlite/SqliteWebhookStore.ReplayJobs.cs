using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using WebhookHub.Delivery;
using WebhookHub.Replay;

namespace WebhookHub.Storage.Sqlite;

public sealed partial class SqliteWebhookStore : IReplayJobStore
{
    private const string ReplayJobColumns =
        "id, tenant_id, subscription_id, filter, status, total, replayed, cursor_created_at, cursor_delivery_id, created_at, updated_at, error";

    /// <summary>Raised after a replay job was stored, so a waiting replay worker can start it without polling.</summary>
    public event Action? ReplayJobQueued;

    /// <inheritdoc/>
    public Task<ReplayJob> CreateReplayJobAsync(ReplayJob job, CancellationToken cancellationToken = default)
    {
        using var connection = _connections.Open();
        using var command = connection.Command("");
        command.CommandText = $"""
            INSERT INTO replay_jobs ({ReplayJobColumns})
            VALUES ($id, $tenant, $subscription, $filter, $status, (SELECT count(*) FROM deliveries d WHERE {CandidateFilter(command, job)}),
                    0, NULL, NULL, $created, $updated, NULL)
            RETURNING total
            """;
        var total = (long)command
            .With("$id", job.Id).With("$tenant", job.TenantId).With("$subscription", job.SubscriptionId)
            .With("$filter", JsonSerializer.Serialize(ReplayFilterRow.From(job), SqliteReplayJson.Default.ReplayFilterRow))
            .With("$status", (int)job.Status).With("$created", SqliteCommands.Millis(job.CreatedAt)).With("$updated", SqliteCommands.Millis(job.UpdatedAt))
            .ExecuteScalar()!;
        ReplayJobQueued?.Invoke();
        return Task.FromResult(job with { Total = total });
    }

    /// <inheritdoc/>
    public Task<ReplayJob?> GetReplayJobAsync(string tenantId, string jobId, CancellationToken cancellationToken = default)
    {
        using var connection = _connections.Open();
        using var reader = connection.Command($"SELECT {ReplayJobColumns} FROM replay_jobs WHERE id = $id AND tenant_id = $tenant")
            .With("$id", jobId).With("$tenant", tenantId).ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadReplayJob(reader) : null);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<ReplayJob>> ListUnfinishedReplayJobsAsync(CancellationToken cancellationToken = default)
    {
        using var connection = _connections.Open();
        using var reader = connection.Command($"SELECT {ReplayJobColumns} FROM replay_jobs WHERE status IN (0, 1) ORDER BY created_at, id").ExecuteReader();
        var list = new List<ReplayJob>();
        while (reader.Read()) list.Add(ReadReplayJob(reader));
        return Task.FromResult<IReadOnlyList<ReplayJob>>(list);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Walks <c>deliveries_by_subscription</c> backwards (oldest first: created_at, then ID descending) from the cursor;
    /// each delivery is read once over the job's life.
    /// </remarks>
    public Task<IReadOnlyList<WebhookDelivery>> ListReplayCandidatesAsync(ReplayJob job, int max, CancellationToken cancellationToken = default)
    {
        using var connection = _connections.Open();
        using var command = connection.Command("");
        var cursor = job.CursorCreatedAt is null
            ? ""
            : "AND (d.created_at > $cursor_at OR (d.created_at = $cursor_at AND d.id < $cursor_id))";
        command.CommandText = $"""
            SELECT {Prefixed("d", DeliveryColumns)} FROM deliveries d
            WHERE {CandidateFilter(command, job)} {cursor}
            ORDER BY d.created_at, d.id DESC LIMIT $max
            """;
        using var reader = command
            .With("$cursor_at", job.CursorCreatedAt is { } at ? SqliteCommands.Millis(at) : null).With("$cursor_id", job.CursorDeliveryId)
            .With("$max", max)
            .ExecuteReader();
        var list = new List<WebhookDelivery>();
        while (reader.Read()) list.Add(ReadDelivery(reader, 0));
        return Task.FromResult<IReadOnlyList<WebhookDelivery>>(list);
    }

    /// <inheritdoc/>
    public Task SaveReplayProgressAsync(ReplayJob job, CancellationToken cancellationToken = default)
    {
        using var connection = _connections.Open();
        connection.Command("""
            UPDATE replay_jobs SET status = $status, replayed = $replayed, cursor_created_at = $cursor_at, cursor_delivery_id = $cursor_id,
                updated_at = $updated, error = $error
            WHERE id = $id
            """)
            .With("$id", job.Id).With("$status", (int)job.Status).With("$replayed", job.Replayed)
            .With("$cursor_at", job.CursorCreatedAt is { } at ? SqliteCommands.Millis(at) : null).With("$cursor_id", job.CursorDeliveryId)
            .With("$updated", SqliteCommands.Millis(job.UpdatedAt)).With("$error", job.Error)
            .ExecuteNonQuery();
        return Task.CompletedTask;
    }

    /// <summary>The job's deliveries: its subscription's, created from Since to the job's creation, in one of its statuses.</summary>
    private static string CandidateFilter(SqliteCommand command, ReplayJob job)
    {
        command.With("$c_tenant", job.TenantId).With("$c_subscription", job.SubscriptionId)
            .With("$c_since", SqliteCommands.Millis(job.Since)).With("$c_until", SqliteCommands.Millis(job.CreatedAt));
        var statuses = string.Join(", ", job.Statuses.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture)));
        return $"""
            d.subscription_id = $c_subscription AND d.tenant_id = $c_tenant AND d.created_at >= $c_since AND d.created_at <= $c_until
            AND d.status IN ({statuses})
            """;
    }

    private static ReplayJob ReadReplayJob(SqliteDataReader reader)
    {
        var filter = JsonSerializer.Deserialize(reader.GetString(3), SqliteReplayJson.Default.ReplayFilterRow)!;
        return new ReplayJob(
            reader.GetString(0), reader.GetString(1), reader.GetString(2),
            DateTimeOffset.FromUnixTimeMilliseconds(filter.Since), filter.Statuses.Select(s => (DeliveryStatus)s).ToList(), filter.RatePerSecond,
            (ReplayJobStatus)reader.GetInt32(4), reader.GetInt64(5), reader.GetInt64(6),
            reader.IsDBNull(7) ? null : reader.Time(7), reader.NullableString(8), reader.Time(9), reader.Time(10), reader.NullableString(11));
    }
}
