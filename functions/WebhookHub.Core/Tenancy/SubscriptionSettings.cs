namespace WebhookHub.Tenancy;

/// <summary>
/// A subscription's delivery settings, chosen by the tenant through the API and stored as JSON (camelCase). Each delivery
/// feature declares its own settings in a partial file named after it (<c>SubscriptionSettings.Retry.cs</c>, …); a setting
/// left <see langword="null"/> means the operator's default from <c>WebhookHub:Delivery</c>. Mutable only until stored.
/// </summary>
public sealed partial class SubscriptionSettings
{
}
