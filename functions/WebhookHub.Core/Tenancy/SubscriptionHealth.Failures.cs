namespace WebhookHub.Tenancy;

public sealed partial class SubscriptionHealth
{
    /// <summary>
    /// When the current run of failed attempts began (UTC): the start of the first failed attempt since the last success.
    /// Cleared by a success, and when the engine disables the subscription (so a re-enabled subscription starts afresh).
    /// </summary>
    /// <value><see langword="null"/>: the last attempt succeeded, or none was made.</value>
    public DateTimeOffset? FailingSince { get; set; }

    /// <summary>Failed attempts since the last success, over all the subscription's deliveries; reset like <see cref="FailingSince"/>.</summary>
    /// <value>0.</value>
    public int ConsecutiveFailures { get; set; }
}
