namespace WebhookHub.Tenancy;

public sealed partial class SubscriptionHealth
{
    /// <summary>
    /// Why the delivery engine last disabled the subscription, for people: <c>endpoint answered HTTP 410 Gone</c>,
    /// <c>disabled by receiver (webhook-delivery: disable)</c>, or the reason of any other feature that disables endpoints.
    /// Kept after the tenant re-enables the subscription, as the record of the last disable; <see cref="Subscription.Active"/>
    /// says whether it is disabled now.
    /// </summary>
    /// <value><see langword="null"/>: never disabled by the engine.</value>
    public string? DisabledReason { get; set; }

    /// <summary>When the delivery engine last disabled the subscription (UTC).</summary>
    /// <value><see langword="null"/>: never disabled by the engine.</value>
    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>Records a disable by the engine: sets <see cref="DisabledReason"/> and <see cref="DisabledAt"/>; returns this instance.</summary>
    /// <param name="reason">Human-readable, without secrets.</param>
    /// <param name="at">When.</param>
    public SubscriptionHealth MarkDisabled(string reason, DateTimeOffset at)
    {
        DisabledReason = reason;
        DisabledAt = at;
        return this;
    }
}
