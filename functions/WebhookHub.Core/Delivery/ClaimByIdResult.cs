namespace WebhookHub.Delivery;

/// <summary>The result of <see cref="IDeliveryStore.ClaimByIdAsync"/>.</summary>
/// <param name="Outcome">What was found.</param>
/// <param name="Delivery">
/// The delivery as stored (as leased, for <see cref="ClaimByIdOutcome.Claimed"/>), or <see langword="null"/> for
/// <see cref="ClaimByIdOutcome.NotFound"/>.
/// </param>
/// <param name="Job">The leased delivery with its event and subscription; set only for <see cref="ClaimByIdOutcome.Claimed"/>.</param>
public sealed record ClaimByIdResult(ClaimByIdOutcome Outcome, WebhookDelivery? Delivery, DeliveryJob? Job)
{
    /// <summary>The result for a delivery that does not exist.</summary>
    public static ClaimByIdResult NotFound { get; } = new(ClaimByIdOutcome.NotFound, null, null);

    /// <summary>
    /// Whether a message for this delivery is already scheduled for when the lease ends, so that a consumer finding it
    /// <see cref="ClaimByIdOutcome.Leased"/> can let its own message go (set by the Service Bus decorator).
    /// </summary>
    public bool FollowUpScheduled { get; init; }
}
