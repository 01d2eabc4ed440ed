using System.Runtime.InteropServices;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using WebhookHub.Ingestion;

namespace WebhookHub.Storage.Sqlite;

/// <summary>
/// Group commit for the ingest path: concurrent appends wait in a bounded channel; one loop writes whatever is waiting (up to
/// the batch size) in a single transaction, then completes every caller. One fsync serves many webhooks. When the channel is
/// full, <see cref="AppendAsync"/> fails at once with <see cref="StoreOverloadedException"/> rather than growing memory.
/// </summary>
internal sealed class EventGroupCommitter : IAsyncDisposable
{
    private const string InsertSql = """
        INSERT INTO events (id, tenant_id, source_id, provider_event_id, event_type, content_type, payload, received_at)
        VALUES ($id, $tenant, $source, $provider_id, $type, $content_type, $payload, $at)
        ON CONFLICT (id) DO NOTHING
        """;

    private readonly SqliteConnections _connections;
    private readonly Channel<PendingAppend> _channel;
    private readonly int _maxBatchSize;
    private readonly Task _loop;

    public EventGroupCommitter(SqliteConnections connections, int capacity, int maxBatchSize)
    {
        _connections = connections;
        _maxBatchSize = maxBatchSize;
        _channel = Channel.CreateBounded<PendingAppend>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Queues the event for the next group commit; completes when that commit is durable.</summary>
    public Task<bool> AppendAsync(WebhookEvent webhookEvent)
    {
        var pending = new PendingAppend(webhookEvent);
        return _channel.Writer.TryWrite(pending) ? pending.Completion.Task : Task.FromException<bool>(new StoreOverloadedException());
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        using var connection = _connections.Open();
        using var insert = connection.Command(InsertSql);
        var parameters = new[] { "$id", "$tenant", "$source", "$provider_id", "$type", "$content_type", "$payload", "$at" }
            .Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name }))
            .ToArray();
        var batch = new List<PendingAppend>(_maxBatchSize);
        var reader = _channel.Reader;

        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatchSize && reader.TryRead(out var pending)) batch.Add(pending);
            try
            {
                using var write = _connections.BeginWrite(connection);
                insert.Transaction = write.Transaction;
                var results = new bool[batch.Count];
                for (var i = 0; i < batch.Count; i++)
                {
                    var e = batch[i].Event;
                    parameters[0].Value = e.Id;
                    parameters[1].Value = e.TenantId;
                    parameters[2].Value = e.SourceId;
                    parameters[3].Value = e.ProviderEventId;
                    parameters[4].Value = (object?)e.EventType ?? DBNull.Value;
                    parameters[5].Value = (object?)e.ContentType ?? DBNull.Value;
                    parameters[6].Value = WholeArray(e.Payload);
                    parameters[7].Value = SqliteCommands.Millis(e.ReceivedAt);
                    results[i] = insert.ExecuteNonQuery() == 1;
                }

                write.Commit();
                for (var i = 0; i < batch.Count; i++) batch[i].Completion.TrySetResult(results[i]);
            }
            catch (Exception exception)
            {
                foreach (var pending in batch) pending.Completion.TrySetException(exception);
            }

            batch.Clear();
        }
    }

    private static byte[] WholeArray(ReadOnlyMemory<byte> payload) =>
        MemoryMarshal.TryGetArray(payload, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : payload.ToArray();

    private sealed class PendingAppend(WebhookEvent webhookEvent)
    {
        public WebhookEvent Event { get; } = webhookEvent;

        public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
