namespace WebhookHub.Storage.Sqlite;

/// <summary>
/// Moves committed pages from the write-ahead log into the database file on its own connection, every
/// <see cref="Interval"/>, instead of inside whichever commit crosses SQLite's auto-checkpoint threshold (which stalls that
/// commit, and every webhook waiting in its group, for milliseconds). PASSIVE checkpoints never block writers; a final
/// TRUNCATE checkpoint on dispose leaves an empty log. See https://www.sqlite.org/wal.html#ckpt.
/// </summary>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    /// <summary>Time between background checkpoints: 250 ms.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

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
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                Checkpoint("PASSIVE");
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
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            // A busy database skips this round; the next one catches up. The log only grows meanwhile; nothing is lost.
        }
    }
}
