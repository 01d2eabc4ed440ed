using System.ComponentModel.DataAnnotations;

namespace WebhookHub.Storage.Sqlite;

/// <summary>Settings of the embedded SQLite store, bound from configuration section <c>WebhookHub:Sqlite</c>.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "WebhookHub:Sqlite";

    /// <summary>The database file; relative paths are relative to the working directory. Its folder is created if missing.</summary>
    /// <value><c>.data/webhookhub.db</c>.</value>
    [Required]
    public string Path { get; set; } = ".data/webhookhub.db";

    /// <summary>How many ingest writes may wait for the group commit before ingest answers 503.</summary>
    /// <value>4096.</value>
    [Range(16, 1_000_000)]
    public int WriteQueueCapacity { get; set; } = 4096;

    /// <summary>
    /// How hard a commit waits for the disk. <see cref="SqliteDurability.Full"/> (the default) fsyncs the write-ahead log
    /// before a webhook is acknowledged, so an accepted event survives power loss. <see cref="SqliteDurability.Normal"/>
    /// fsyncs only at checkpoints: an accepted event survives the process being killed, but the last moments of commits
    /// can be lost if the operating system crashes or power fails.
    /// </summary>
    /// <value><see cref="SqliteDurability.Full"/>.</value>
    public SqliteDurability Durability { get; set; } = SqliteDurability.Full;

    /// <summary>The most events one group commit writes in one transaction.</summary>
    /// <value>256.</value>
    [Range(1, 10_000)]
    public int MaxBatchSize { get; set; } = 256;
}
