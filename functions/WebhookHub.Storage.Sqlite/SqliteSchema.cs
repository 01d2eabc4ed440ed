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
            settings TEXT NOT NULL DEFAULT '{}', health TEXT NOT NULL DEFAULT '{}');
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
        CREATE TABLE IF NOT EXISTS attempts (
            delivery_id TEXT NOT NULL, attempt_number INTEGER NOT NULL, started_at INTEGER NOT NULL,
            duration_ms INTEGER NOT NULL, status_code INTEGER, error TEXT, response_body TEXT, outcome INTEGER NOT NULL,
            PRIMARY KEY (delivery_id, attempt_number));
        """;

    /// <summary>Columns added since the first schema, as (table, column, definition): added to older files at start-up.</summary>
    public static readonly (string Table, string Column, string Definition)[] AddedColumns =
    [
        ("subscriptions", "settings", "TEXT NOT NULL DEFAULT '{}'"),
        ("subscriptions", "health", "TEXT NOT NULL DEFAULT '{}'"),
    ];
}
