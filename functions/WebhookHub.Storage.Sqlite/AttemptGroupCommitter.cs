using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using WebhookHub.Delivery;

namespace WebhookHub.Storage.Sqlite;

/// <summary>
/// Group commit for delivery attempts: concurrent <see cref="RecordAsync"/> calls wait in a channel; one loop writes whatever is
/// waiting (up to the batch size) in a single transaction — each attempt's row and its delivery's new state — then completes
/// every caller. Every caller still returns only after its attempt is durable, but one fsync serves many attempts. Should a
/// batch fail, each of its attempts is retried in a transaction of its own, so one bad row fails only its own caller.
/// </summary>
internal sealed class AttemptGroupCommitter : IAsyncDisposable
{
    private const string InsertAttemptSql = """
        INSERT INTO attempts (delivery_id, attempt_number, started_at, duration_ms, status_code, error, response_body, outcome, response_headers)
        VALUES ($delivery, $number, $started, $duration, $status, $error, $body, $outcome, $headers)
        ON CONFLICT (delivery_id, attempt_number) DO NOTHING
        """;

    private const string UpdateDeliverySql = """
        UPDATE deliveries SET status = $status, attempt_count = $attempts, retry_index = $retry, next_attempt_at = $next,
            lease_until = 0, updated_at = $updated, last_status_code = $code, last_error = $error
        WHERE id = $id
        """;

    private readonly SqliteConnections _connections;
    private readonly Channel<PendingRecord> _channel;
    private readonly int _maxBatchSize;
    private readonly Task _loop;

    public AttemptGroupCommitter(SqliteConnections connections, int capacity, int maxBatchSize)
    {
        _connections = connections;
        _maxBatchSize = maxBatchSize;
        _channel = Channel.CreateBounded<PendingRecord>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Queues the attempt and the delivery's new state for the next group commit; completes when that commit is durable.</summary>
    /// <exception cref="ChannelClosedException">The store is being disposed.</exception>
    public async Task RecordAsync(WebhookDelivery updated, DeliveryAttempt attempt)
    {
        var pending = new PendingRecord(updated, attempt);
        await _channel.Writer.WriteAsync(pending).ConfigureAwait(false);
        await pending.Completion.Task.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        using var connection = _connections.Open();
        using var insert = connection.Command(InsertAttemptSql);
        using var update = connection.Command(UpdateDeliverySql);
        var batch = new List<PendingRecord>(_maxBatchSize);
        var reader = _channel.Reader;

        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatchSize && reader.TryRead(out var pending)) batch.Add(pending);
            try
            {
                Write(_connections, connection, insert, update, batch);
                foreach (var pending in batch) pending.Completion.TrySetResult();
            }
            catch (Exception) when (batch.Count > 1)
            {
                foreach (var pending in batch)
                {
                    try
                    {
                        Write(_connections, connection, insert, update, [pending]);
                        pending.Completion.TrySetResult();
                    }
                    catch (Exception exception)
                    {
                        pending.Completion.TrySetException(exception);
                    }
                }
            }
            catch (Exception exception)
            {
                foreach (var pending in batch) pending.Completion.TrySetException(exception);
            }

            batch.Clear();
        }
    }

    private static void Write(SqliteConnections connections, SqliteConnection connection, SqliteCommand insert, SqliteCommand update, IReadOnlyList<PendingRecord> batch)
    {
        using var write = connections.BeginWrite(connection);
        insert.Transaction = write.Transaction;
        update.Transaction = write.Transaction;
        foreach (var (updated, attempt) in batch.Select(p => (p.Updated, p.Attempt)))
        {
            insert.Parameters.Clear();
            insert.With("$delivery", attempt.DeliveryId).With("$number", attempt.AttemptNumber).With("$started", SqliteCommands.Millis(attempt.StartedAt))
                .With("$duration", attempt.DurationMilliseconds).With("$status", attempt.StatusCode).With("$error", attempt.Error)
                .With("$body", attempt.ResponseBody).With("$outcome", (int)attempt.Outcome)
                .With("$headers", attempt.ResponseHeaders is { } headers
                    ? System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string>(headers), SqliteJson.Default.DictionaryStringString)
                    : null)
                .ExecuteNonQuery();
            update.Parameters.Clear();
            update.With("$id", updated.Id).With("$status", (int)updated.Status).With("$attempts", updated.AttemptCount)
                .With("$retry", updated.RetryIndex).With("$next", SqliteCommands.Millis(updated.NextAttemptAt))
                .With("$updated", SqliteCommands.Millis(updated.UpdatedAt)).With("$code", updated.LastStatusCode).With("$error", updated.LastError)
                .ExecuteNonQuery();
        }

        write.Commit();
    }

    private sealed class PendingRecord(WebhookDelivery updated, DeliveryAttempt attempt)
    {
        public WebhookDelivery Updated { get; } = updated;

        public DeliveryAttempt Attempt { get; } = attempt;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
