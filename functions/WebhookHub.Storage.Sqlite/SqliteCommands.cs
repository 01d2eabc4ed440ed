using Microsoft.Data.Sqlite;

namespace WebhookHub.Storage.Sqlite;

/// <summary>Small helpers for building commands and reading rows.</summary>
internal static class SqliteCommands
{
    public static SqliteCommand Command(this SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static long Millis(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset Time(this SqliteDataReader reader, int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    public static string? NullableString(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static int? NullableInt(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    /// <summary>Adds <c>$p0…$pN</c> parameters and returns <c>"$p0, $p1, …"</c> for an <c>IN (…)</c> list.</summary>
    public static string InList(this SqliteCommand command, IReadOnlyList<string> values)
    {
        var names = new string[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            names[i] = "$p" + i;
            command.Parameters.AddWithValue(names[i], values[i]);
        }

        return string.Join(", ", names);
    }

    /// <summary>Binds the subscription columns a tenant controls, and its secret: <c>$url</c>, <c>$types</c>, <c>$sources</c>, <c>$secret</c>, <c>$active</c>, <c>$settings</c>.</summary>
    public static SqliteCommand WithSubscription(this SqliteCommand command, WebhookHub.Tenancy.Subscription subscription) => command
        .With("$url", subscription.Url)
        .With("$types", System.Text.Json.JsonSerializer.Serialize(subscription.EventTypes.ToArray(), SqliteJson.Default.StringArray))
        .With("$sources", System.Text.Json.JsonSerializer.Serialize(subscription.SourceIds.ToArray(), SqliteJson.Default.StringArray))
        .With("$secret", subscription.Secret)
        .With("$active", subscription.Active ? 1 : 0)
        .With("$settings", System.Text.Json.JsonSerializer.Serialize(subscription.Settings, SqliteSubscriptionJson.Default.SubscriptionSettings));
}
