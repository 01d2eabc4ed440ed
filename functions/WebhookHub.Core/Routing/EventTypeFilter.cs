namespace WebhookHub.Routing;

/// <summary>
/// Event-type filters of a subscription: <c>*</c> matches everything (also events without a type), an exact type matches
/// itself (ordinal, case-sensitive), and a prefix wildcard <c>invoice.*</c> matches every type starting with <c>invoice.</c>.
/// </summary>
public static class EventTypeFilter
{
    /// <summary><see langword="true"/> when <paramref name="filter"/> matches <paramref name="eventType"/>.</summary>
    public static bool Matches(string filter, string? eventType)
    {
        if (filter == "*") return true;
        if (eventType is null) return false;
        return filter.EndsWith(".*", StringComparison.Ordinal)
            ? eventType.StartsWith(filter.AsSpan(0, filter.Length - 1), StringComparison.Ordinal)
            : string.Equals(filter, eventType, StringComparison.Ordinal);
    }

    /// <summary><see langword="true"/> when a filter is well-formed: <c>*</c>, or a non-empty type optionally ending in <c>.*</c> with no other <c>*</c>.</summary>
    public static bool IsValid(string filter) =>
        filter == "*" || (filter.Length > 0 && filter.Length <= 256 && filter.TrimEnd('*').TrimEnd('.').Length > 0
            && (filter.IndexOf('*') < 0 || (filter.EndsWith(".*", StringComparison.Ordinal) && filter.IndexOf('*') == filter.Length - 1)));
}
