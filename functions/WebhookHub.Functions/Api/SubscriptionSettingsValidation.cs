using WebhookHub.Tenancy;

namespace WebhookHub.Functions.Api;

/// <summary>
/// Checks a subscription's <see cref="SubscriptionSettings"/> before it is stored; each delivery feature adds its own checks in
/// a partial file named after it, as a method named <c>Validate{Feature}</c> called from <see cref="Validate"/>.
/// </summary>
internal static partial class SubscriptionSettingsValidation
{
    /// <summary>Adds a message per invalid setting to <paramref name="errors"/>, keyed <c>settings.{name}</c>.</summary>
    public static void Validate(SubscriptionSettings settings, Dictionary<string, string[]> errors)
    {
        ValidateSigning(settings, errors);
        ValidateRetry(settings, errors);
        ValidateRateLimit(settings, errors);
    }
}
