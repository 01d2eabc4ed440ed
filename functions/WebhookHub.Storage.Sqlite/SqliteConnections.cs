using Microsoft.Data.Sqlite;

namespace WebhookHub.Storage.Sqlite;

/// <summary>
/// Opens connections to the database file with the pragmas every connection needs; creates the schema once.
/// </summary>
/// <exception cref="InvalidOperationException">The file holds a schema this build does not know.</exception>
internal sealed class SqliteConnections
{
    private readonly string _connectionString;
    private readonly string _pragmas;

    public SqliteConnections(SqliteStoreOptions options)
    {
        var path = System.IO.Path.GetFullPath(options.Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        _pragmas = $"PRAGMA synchronous = {(options.Durability == SqliteDurability.Full ? "FULL" : "NORMAL")}; PRAGMA busy_timeout = 30000; PRAGMA journal_size_limit = 67108864;";
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = SqliteSchema.Ddl;
        command.ExecuteNonQuery();
        command.CommandText = "SELECT count(*) FROM pragma_table_info('events') WHERE name = 'seq'";
        if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 1)
        {
            throw new InvalidOperationException(
                $"The database {path} was created by an earlier development build of WebhookHub with another schema; move it aside to start afresh.");
        }

        foreach (var (table, column, definition) in SqliteSchema.AddedColumns)
        {
            command.CommandText = $"SELECT count(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
            if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0) continue;
            command.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {definition}";
            command.ExecuteNonQuery();
        }
    }

    /// <summary>The in-process write gate: one write transaction at a time (see <see cref="SqliteWriteTransaction"/>).</summary>
    public SemaphoreSlim WriteGate { get; } = new(1, 1);

    /// <summary>Begins a write transaction on <paramref name="connection"/> once the write gate is free.</summary>
    public SqliteWriteTransaction BeginWrite(SqliteConnection connection) => new(connection, WriteGate);

    /// <summary>
    /// Opens a pooled connection with the configured durability (<c>synchronous</c>), a 30 s busy timeout, and the write-ahead
    /// log truncated back to 64 MiB whenever it restarts (see <see cref="WalCheckpointer"/>).
    /// </summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
        return connection;
    }
}
