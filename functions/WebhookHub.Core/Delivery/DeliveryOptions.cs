using System.ComponentModel.DataAnnotations;

namespace WebhookHub.Delivery;

/// <summary>Outbound delivery settings, bound from configuration section <c>WebhookHub:Delivery</c>.</summary>
public sealed partial class DeliveryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "WebhookHub:Delivery";

    /// <summary>
    /// Delay before each attempt: entry 0 before the first, entry n before attempt n + 1. Its length is the number of attempts
    /// before a delivery is dead-lettered. Empty means the default. (Empty rather than pre-filled, because configuration binding
    /// appends to an array that already has entries.)
    /// </summary>
    /// <value>Empty: <see cref="DeliveryDefaults.RetryDelays"/>, that is immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (8 attempts).</value>
    [MaxLength(50)]
    public TimeSpan[] RetryDelays { get; set; } = [];

    /// <summary>Each retry delay is scaled by a random factor in [1 − ratio, 1 + ratio].</summary>
    /// <value>0.2 (±20 %).</value>
    [Range(0.0, 0.5)]
    public double JitterRatio { get; set; } = DeliveryDefaults.JitterRatio;

    /// <summary>The longest a receiver's <c>Retry-After</c> may push back a retry.</summary>
    /// <value>24 hours.</value>
    public TimeSpan MaxRetryAfter { get; set; } = DeliveryDefaults.MaxRetryAfter;

    /// <summary>How long one attempt may take, from connect to the response headers.</summary>
    /// <value>15 seconds.</value>
    public TimeSpan Timeout { get; set; } = DeliveryDefaults.Timeout;

    /// <summary>How much of a response body is stored with the attempt, in bytes.</summary>
    /// <value>4096.</value>
    [Range(0, 1024 * 1024)]
    public int MaxResponseBodyBytes { get; set; } = DeliveryDefaults.MaxResponseBodyBytes;

    /// <summary>
    /// Networks (CIDR, for example <c>127.0.0.0/8</c> or <c>::1/128</c>) that deliveries may reach although the SSRF guard
    /// blocks them otherwise (loopback, private, link-local …). Empty in production.
    /// </summary>
    /// <value>Empty.</value>
    public string[] AllowedNetworks { get; set; } = [];

    /// <summary>How many deliveries this instance sends at once.</summary>
    /// <value>64.</value>
    [Range(1, 1024)]
    public int MaxConcurrency { get; set; } = DeliveryDefaults.MaxConcurrency;

    /// <summary>How long a claimed delivery stays leased; a worker that dies releases it after this. Must exceed <see cref="Timeout"/>.</summary>
    /// <value>2 minutes.</value>
    public TimeSpan Lease { get; set; } = DeliveryDefaults.Lease;

    /// <summary>How often the workers look for due work when nothing wakes them.</summary>
    /// <value>1 second.</value>
    public TimeSpan PollInterval { get; set; } = DeliveryDefaults.PollInterval;
}
