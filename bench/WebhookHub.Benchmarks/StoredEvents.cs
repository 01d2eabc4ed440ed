using Microsoft.Data.Sqlite;

namespace WebhookHub.Benchmarks;

/// <summary>Counts the events WebhookHub stored, straight from its SQLite file, after the hub has stopped.</summary>
internal static class StoredEvents
{
    public static long Count(string databasePath)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        using var connection = new SqliteConnection(connectionString.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM events";
        return (long)command.ExecuteScalar()!;
    }

    public static HubStorageCheck Check(string databasePath, long acknowledgedByClient, long acknowledgedByWrk, long wrkInFlightAllowance)
    {
        var stored = Count(databasePath);
        var acknowledged = acknowledgedByClient + acknowledgedByWrk;
        return new HubStorageCheck(stored, acknowledgedByClient, acknowledgedByWrk,
            stored >= acknowledged && stored - acknowledged <= wrkInFlightAllowance);
    }
}
