using WebhookHub.Delivery;
using WebhookHub.Routing;
using WebhookHub.Tenancy;

namespace WebhookHub.Functions.Api;

internal static partial class SubscriptionSettingsValidation
{
    private const int MaxEventTypeSchedules = 100;

    /// <summary>
    /// <c>settings.retryDelaysSeconds</c>: 1–50 entries, the first 0, each 0–604800 (7 days);
    /// <c>settings.retryDelaysByEventType</c>: at most 100 keys, each an exact type or prefix wildcard (not <c>*</c>), each
    /// value shaped like <c>retryDelaysSeconds</c>.
    /// </summary>
    private static void ValidateRetry(SubscriptionSettings settings, Dictionary<string, string[]> errors)
    {
        if (settings.RetryDelaysSeconds is { } delays && ScheduleProblem(delays) is { } problem)
        {
            errors["settings.retryDelaysSeconds"] = [problem];
        }

        if (settings.RetryDelaysByEventType is not { } byType) return;
        var messages = new List<string>();
        if (byType.Count > MaxEventTypeSchedules) messages.Add($"At most {MaxEventTypeSchedules} event-type schedules; got {byType.Count}.");
        foreach (var (filter, schedule) in byType)
        {
            if (filter == "*" || !EventTypeFilter.IsValid(filter))
            {
                messages.Add($"'{Truncate(filter)}' must be an event type or a prefix wildcard such as 'invoice.*' ('*' is retryDelaysSeconds).");
            }
            else if (ScheduleProblem(schedule) is { } scheduleProblem)
            {
                messages.Add($"'{filter}': {scheduleProblem}");
            }
        }

        if (messages.Count > 0) errors["settings.retryDelaysByEventType"] = [.. messages];
    }

    private static string? ScheduleProblem(int[]? delays)
    {
        var maxSeconds = (int)DeliveryDefaults.MaxRetryDelay.TotalSeconds;
        if (delays is null || delays.Length is 0 or > DeliveryDefaults.MaxRetryAttempts)
        {
            return $"A schedule has 1 to {DeliveryDefaults.MaxRetryAttempts} delays in seconds, one per attempt; got {delays?.Length ?? 0}.";
        }

        if (delays[0] != 0) return $"The first delay must be 0 (the first attempt is made at once); got {delays[0]}.";
        var bad = Array.FindIndex(delays, d => d < 0 || d > maxSeconds);
        return bad < 0 ? null : $"Each delay must be 0 to {maxSeconds} seconds (7 days); entry {bad} is {delays[bad]}.";
    }

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
