namespace WebhookHub.Delivery;

/// <summary>Where a delivery stands.</summary>
public enum DeliveryStatus
{
    /// <summary>Not attempted yet (new, or replayed).</summary>
    Pending,
    /// <summary>An endpoint answered 2xx.</summary>
    Succeeded,
    /// <summary>The last attempt failed; another is scheduled at <see cref="WebhookDelivery.NextAttemptAt"/>.</summary>
    Failed,
    /// <summary>Dead-lettered: every scheduled attempt failed. Replay puts it back to <see cref="Pending"/>.</summary>
    Dead,
}
