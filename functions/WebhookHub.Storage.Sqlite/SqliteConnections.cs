using Microsoft.Data.Sqlite;

namespace WebhookHub.Storage.Sqlite;

/// <summary>Opens connections to the database file with the pragmas every connection needs; creates the schema once.</summary>
internal sealed class SqliteConnections
{
    private readonly string _connectionString;

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

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = SqliteSchema.Ddl;
        command.ExecuteNonQuery();
    }

    /// <summary>Opens a pooled connection. <c>synchronous = FULL</c>: a commit is on disk (WAL fsync) before it returns.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;";
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Opens a connection asynchronously (see <see cref="Open"/>).</summary>
    public Task<SqliteConnection> OpenAsync() => Task.FromResult(Open());
}
