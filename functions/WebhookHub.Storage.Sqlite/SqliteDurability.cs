namespace WebhookHub.Storage.Sqlite;

/// <summary>SQLite's <c>synchronous</c> setting in WAL mode; see https://www.sqlite.org/pragma.html#pragma_synchronous.</summary>
public enum SqliteDurability
{
    /// <summary><c>synchronous = FULL</c>: every commit is fsynced; nothing acknowledged is lost, even on power failure.</summary>
    Full,
    /// <summary><c>synchronous = NORMAL</c>: fsync at checkpoints only; survives process crashes, not OS crashes or power failure.</summary>
    Normal,
}
