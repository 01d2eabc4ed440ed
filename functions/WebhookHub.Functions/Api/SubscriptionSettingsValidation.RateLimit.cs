using WebhookHub.Tenancy;

namespace WebhookHub.Functions.Api;

internal static partial class SubscriptionSettingsValidation
{
    /// <summary>Checks <c>rateLimitPerSecond</c> (0.001–10000), <c>burst</c> (1–10000, only with a rate) and <c>maxConcurrency</c> (1–1024).</summary>
    private static void ValidateRateLimit(SubscriptionSettings settings, Dictionary<string, string[]> errors)
    {
        if (settings.RateLimitPerSecond is { } rate && !(rate >= 0.001 && rate <= 10_000))
        {
            errors["settings.rateLimitPerSecond"] = ["rateLimitPerSecond must be from 0.001 to 10000 (attempts per second), or null for no limit."];
        }

        if (settings.Burst is { } burst)
        {
            if (burst is < 1 or > 10_000) errors["settings.burst"] = ["burst must be from 1 to 10000 attempts."];
            else if (settings.RateLimitPerSecond is null) errors["settings.burst"] = ["burst needs rateLimitPerSecond."];
        }

        if (settings.MaxConcurrency is { } concurrency && concurrency is < 1 or > 1024)
        {
            errors["settings.maxConcurrency"] = ["maxConcurrency must be from 1 to 1024 attempts in flight."];
        }
    }
}
