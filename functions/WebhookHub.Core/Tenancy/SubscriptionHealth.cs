namespace WebhookHub.Tenancy;

/// <summary>
/// What the delivery engine has learnt about a subscription's endpoint (failing since when, why it was disabled, …), stored as
/// JSON beside the subscription and written only by the engine and by the tenant re-enabling it. Each delivery feature declares
/// its own fields in a partial file named after it.
/// </summary>
public sealed partial class SubscriptionHealth
{
}
