namespace WebhookHub.Storage.Sqlite;

/// <summary>The database schema; applied idempotently at start-up. Times are Unix milliseconds (INTEGER).</summary>
internal static class SqliteSchema
{
    public const string Ddl = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS tenants (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, api_key_hash BLOB NOT NULL UNIQUE, created_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS sources (
            id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, name TEXT NOT NULL, provider TEXT NOT NULL,
            secrets TEXT NOT NULL, options TEXT NOT NULL, created_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS sources_by_tenant ON sources (tenant_id, created_at);
        CREATE TABLE IF NOT EXISTS subscriptions (
            id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, url TEXT NOT NULL, event_types TEXT NOT NULL,
            source_ids TEXT NOT NULL, secret TEXT NOT NULL, active INTEGER NOT NULL, created_at INTEGER NOT NULL,
            settings TEXT NOT NULL DEFAULT '{}', health TEXT NOT NULL DEFAULT '{}', signing_keys TEXT NOT NULL DEFAULT '{}');
        CREATE INDEX IF NOT EXISTS subscriptions_by_tenant ON subscriptions (tenant_id, created_at);
        -- The inbox: the id derives from (source_id, provider_event_id), so its unique index is the deduplication key.
        -- seq orders events by commit (one writer inserts them); the outbox is every event after dispatch_cursor.seq, so
        -- accepting an event writes nothing but its row and two index entries, and dispatching it never rewrites the row.
        CREATE TABLE IF NOT EXISTS events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, tenant_id TEXT NOT NULL, source_id TEXT NOT NULL,
            provider_event_id TEXT NOT NULL, event_type TEXT, content_type TEXT, payload BLOB NOT NULL, received_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS events_by_tenant ON events (tenant_id, seq);
        CREATE TABLE IF NOT EXISTS dispatch_cursor (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL);
        INSERT INTO dispatch_cursor (id, seq) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
        -- status: 0 pending, 1 succeeded, 2 failed (retry scheduled), 3 dead.
        CREATE TABLE IF NOT EXISTS deliveries (
            id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, event_id TEXT NOT NULL, subscription_id TEXT NOT NULL,
            status INTEGER NOT NULL, attempt_count INTEGER NOT NULL, retry_index INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL, lease_until INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, last_status_code INTEGER, last_error TEXT);
        -- Fair claiming walks the subscriptions with waiting deliveries (a loose scan of this index), then takes each one's oldest
        -- due deliveries. It replaces deliveries_due (next_attempt_at), which only the old oldest-first claim read.
        DROP INDEX IF EXISTS deliveries_due;
        CREATE INDEX IF NOT EXISTS deliveries_waiting ON deliveries (subscription_id, next_attempt_at) WHERE status IN (0, 2);
        CREATE INDEX IF NOT EXISTS deliveries_by_tenant ON deliveries (tenant_id, created_at);
        CREATE INDEX IF NOT EXISTS deliveries_by_event ON deliveries (event_id);
        -- A subscription's deliveries and its dead letters, newest first (by creation, then ID); created_at and id never
        -- change, so the first index costs an insert only, and the partial one changes only when a delivery dies or is replayed.
        CREATE INDEX IF NOT EXISTS deliveries_by_subscription ON deliveries (subscription_id, created_at DESC, id);
        CREATE INDEX IF NOT EXISTS deliveries_dead_by_subscription ON deliveries (subscription_id, created_at DESC, id) WHERE status = 3;
        CREATE TABLE IF NOT EXISTS attempts (
            delivery_id TEXT NOT NULL, attempt_number INTEGER NOT NULL, started_at INTEGER NOT NULL,
            duration_ms INTEGER NOT NULL, status_code INTEGER, error TEXT, response_body TEXT, outcome INTEGER NOT NULL,
            response_headers TEXT, PRIMARY KEY (delivery_id, attempt_number));
        -- Bulk replay jobs. filter: JSON {"since","statuses","ratePerSecond"}; status: 0 queued, 1 running, 2 done, 3 failed;
        -- cursor_*: the last delivery replayed (creation time, ID), where a job resumes after a restart.
        CREATE TABLE IF NOT EXISTS replay_jobs (
            id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, subscription_id TEXT NOT NULL, filter TEXT NOT NULL,
            status INTEGER NOT NULL, total INTEGER NOT NULL, replayed INTEGER NOT NULL,
            cursor_created_at INTEGER, cursor_delivery_id TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, error TEXT);
        CREATE INDEX IF NOT EXISTS replay_jobs_unfinished ON replay_jobs (created_at) WHERE status IN (0, 1);
        """;

    /// <summary>Columns added since the first schema, as (table, column, definition): added to older files at start-up.</summary>
    public static readonly (string Table, string Column, string Definition)[] AddedColumns =
    [
        ("subscriptions", "settings", "TEXT NOT NULL DEFAULT '{}'"),
        ("subscriptions", "health", "TEXT NOT NULL DEFAULT '{}'"),
        ("subscriptions", "signing_keys", "TEXT NOT NULL DEFAULT '{}'"),
        ("attempts", "response_headers", "TEXT"),
    ];
}
