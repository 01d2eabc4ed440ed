namespace WebhookHub.Delivery;

public sealed partial class DeliveryOptions
{
    /// <summary>
    /// HTTP status codes that dead-letter a delivery at once instead of retrying it (each 300–599). Empty means the default.
    /// 410 Gone is not listed because it does more: it disables the subscription (see <see cref="ResponseRules"/>).
    /// </summary>
    /// <value>Empty: <see cref="DeliveryDefaults.PermanentStatusCodes"/>, that is 400, 401, 403, 404, 413.</value>
    /// <remarks>
    /// Empty rather than pre-filled because configuration binding appends to an array that already has entries; for the same
    /// reason the list cannot be emptied from configuration: to retry every status, list a code receivers never send (599).
    /// </remarks>
    public int[] PermanentStatusCodes { get; set; } = [];

    /// <summary>
    /// The overload penalty: after an attempt answered 429 Too Many Requests or timed out, the next delay of the retry schedule
    /// (after jitter) is multiplied by this factor, adding at most <see cref="MaxOverloadPenalty"/>. 1 turns the penalty off.
    /// A receiver's <c>Retry-After</c> still wins when it asks for longer.
    /// </summary>
    /// <value>2 (the next delay doubles: 5 s becomes 10 s, 5 min becomes 10 min, 2 h becomes 3 h with the cap).</value>
    [System.ComponentModel.DataAnnotations.Range(1.0, 10.0)]
    public double OverloadPenaltyFactor { get; set; } = DeliveryDefaults.OverloadPenaltyFactor;

    /// <summary>The most the overload penalty adds to one delay (0 to 1 day).</summary>
    /// <value>1 hour.</value>
    public TimeSpan MaxOverloadPenalty { get; set; } = DeliveryDefaults.MaxOverloadPenalty;
}
