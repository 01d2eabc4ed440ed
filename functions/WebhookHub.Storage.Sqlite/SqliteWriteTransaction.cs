using Microsoft.Data.Sqlite;

namespace WebhookHub.Storage.Sqlite;

/// <summary>
/// A write transaction (<c>BEGIN IMMEDIATE</c>) taken behind the store's in-process write gate. SQLite allows one writer at a
/// time and makes the others wait in its busy handler, which sleeps 1, 2, 5, 10 … ms between tries; with the group commits,
/// claims and fan-out all writing, those sleeps — not the writes — bounded delivery throughput. Waiting on the gate instead
/// wakes the next writer the moment the previous one commits. Dispose to roll back (if not committed) and release the gate.
/// </summary>
internal sealed class SqliteWriteTransaction : IDisposable
{
    private readonly SemaphoreSlim _gate;
    private bool _disposed;

    public SqliteWriteTransaction(SqliteConnection connection, SemaphoreSlim gate)
    {
        _gate = gate;
        gate.Wait();
        try
        {
            Transaction = connection.BeginTransaction();
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    public SqliteTransaction Transaction { get; }

    public void Commit() => Transaction.Commit();

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            Transaction.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }
}
