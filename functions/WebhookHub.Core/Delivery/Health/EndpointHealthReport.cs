using WebhookHub.Ingestion;

namespace WebhookHub.Delivery;

/// <summary>What one attempt changed about its endpoint's health.</summary>
/// <param name="Disabled"><see langword="true"/> when this attempt made the engine disable the subscription (continuous failure).</param>
/// <param name="Recovered"><see langword="true"/> when this attempt ended a run of failures.</param>
/// <param name="Events">Operational events to append for the tenant (possibly none).</param>
public sealed record EndpointHealthReport(bool Disabled, bool Recovered, IReadOnlyList<WebhookEvent> Events)
{
    /// <summary>Nothing changed and nothing to emit.</summary>
    public static readonly EndpointHealthReport Unchanged = new(false, false, []);
}
