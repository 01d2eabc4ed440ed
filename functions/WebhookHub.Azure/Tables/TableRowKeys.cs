using System.Globalization;

namespace WebhookHub.Azure.Tables;

/// <summary>
/// The row-key shapes of the store. IDs go through <see cref="TableKey.Escape"/> (an ID in a URL could hold characters keys
/// forbid); listing keys start with the inverted time so that Table Storage's ascending row-key order is newest first.
/// </summary>
internal static class TableRowKeys
{
    /// <summary>Rows of one kind share a prefix; <c>}</c> sorts right after <c>|</c>, so a prefix's range is <c>[p|, p})</c>.</summary>
    public const string Tenant = "tenant";
    public const string Source = "source";
    public const string ApiKeyPartitionPrefix = "apikey|";
    public const string SubscriptionPrefix = "subscription|";
    public const string ListPrefix = "list|";
    public const string OutboxPrefix = "outbox|";
    public const string AttemptPrefix = "attempt|";

    public static string Id(string id) => TableKey.Escape(id);

    public static string Subscription(string subscriptionId) => SubscriptionPrefix + Id(subscriptionId);

    public static string Outbox(string eventId) => OutboxPrefix + Id(eventId);

    /// <summary><c>list|{inverted ticks, 19 digits}|{id}</c>: newest first, ties by ID ascending (the SQLite store's order).</summary>
    public static string List(DateTimeOffset at, string id) =>
        string.Create(CultureInfo.InvariantCulture, $"{ListPrefix}{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}|{Id(id)}");

    public static string Attempt(string deliveryId, int attemptNumber) =>
        string.Create(CultureInfo.InvariantCulture, $"{AttemptPrefix}{Id(deliveryId)}|{attemptNumber:D6}");

    public static string AttemptsOf(string deliveryId) => AttemptPrefix + Id(deliveryId) + "|";

    /// <summary>The filter for the rows whose key starts with <paramref name="prefix"/>.</summary>
    public static string Range(string prefix) => TableFilter.RowKeyRange(prefix, prefix[..^1] + (char)(prefix[^1] + 1));

    /// <summary>Keys after <paramref name="afterKey"/> within <paramref name="prefix"/>.</summary>
    public static string RangeAfter(string prefix, string afterKey) =>
        TableFilter.And(TableFilter.Compare("RowKey", "gt", afterKey), TableFilter.Compare("RowKey", "lt", prefix[..^1] + (char)(prefix[^1] + 1)));
}
