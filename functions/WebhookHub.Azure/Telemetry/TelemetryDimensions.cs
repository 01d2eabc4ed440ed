namespace WebhookHub.Azure.Telemetry;

/// <summary>The custom dimension names WebhookHub's telemetry carries (<c>customDimensions.tenant</c>, …), on requests and metrics alike.</summary>
internal static class TelemetryDimensions
{
    /// <summary>The tenant ID; <c>none</c> on metrics when the tenant is not known (a webhook for an unknown source).</summary>
    public const string Tenant = "tenant";

    /// <summary>The source ID (requests to a source's ingest URL).</summary>
    public const string Source = "source";

    /// <summary>The provider scheme of the source (<c>stripe</c>, <c>github</c>, …).</summary>
    public const string Provider = "provider";

    /// <summary>Why a webhook was rejected or a delivery deferred.</summary>
    public const string Reason = "reason";

    /// <summary>A delivery attempt's outcome: <c>succeeded</c>, <c>failed</c> or <c>dead</c>.</summary>
    public const string Outcome = "outcome";

    /// <summary>Whether a verified webhook had been received before: <c>true</c> or <c>false</c>.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>The value used when a dimension is not known.</summary>
    public const string Unknown = "none";
}
