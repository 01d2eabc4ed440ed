namespace WebhookHub.Delivery;

/// <summary>What <see cref="IDeliveryStore.ClaimByIdAsync"/> found when it tried to lease one delivery.</summary>
public enum ClaimByIdOutcome
{
    /// <summary>The delivery was pending or failed, due and unleased: it is now leased, and <see cref="ClaimByIdResult.Job"/> is set.</summary>
    Claimed,

    /// <summary>No such delivery (or its subscription is gone): nothing to do.</summary>
    NotFound,

    /// <summary>The delivery has succeeded or is dead-lettered: nothing to do (replay puts it back to pending).</summary>
    Terminal,

    /// <summary>The delivery waits for a later attempt (<see cref="ClaimByIdResult.Delivery"/>'s <c>NextAttemptAt</c>); nothing leased.</summary>
    NotDue,

    /// <summary>Another consumer holds the delivery's lease; nothing changed. Its lease ends at most one lease period later.</summary>
    Leased,
}
