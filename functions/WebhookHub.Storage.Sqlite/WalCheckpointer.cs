using Microsoft.Data.Sqlite;

namespace WebhookHub.Storage.Sqlite;

/// <summary>
/// Copies committed pages from the write-ahead log into the database file on its own connection every
/// <see cref="Interval"/>, with PASSIVE checkpoints that never block the writer. SQLite's own automatic checkpoint (every
/// 1000 log pages) still runs inside the committing connection — it is what lets the log start over from its beginning,
/// which a passive checkpoint racing a busy writer never achieves — but it finds most pages already copied, so the commit
/// that runs it, and every webhook waiting in its group, stalls far less. See https://www.sqlite.org/wal.html#ckpt.
/// </summary>
/// <remarks>Measured with bench/WebhookHub.Benchmarks: about 10–45 % more ingest throughput than automatic checkpoints alone.</remarks>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    /// <summary>Time between background checkpoints: 50 ms.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    private readonly SqliteConnections _connections;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public WalCheckpointer(SqliteConnections connections)
    {
        _connections = connections;
        _loop = Task.Run(RunAsync);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        Checkpoint("TRUNCATE");
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                Checkpoint("PASSIVE");
                await Task.Delay(Interval, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Checkpoint(string mode)
    {
        try
        {
            using var connection = _connections.Open();
            connection.Command($"PRAGMA wal_checkpoint({mode})").ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // Busy: this round is skipped and the next one catches up; nothing is lost.
        }
    }
}
