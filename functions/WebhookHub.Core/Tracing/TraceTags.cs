namespace WebhookHub.Tracing;

/// <summary>Activity tag names WebhookHub sets (see <see cref="TraceContext"/>); telemetry exporters turn them into dimensions.</summary>
public static class TraceTags
{
    /// <summary>The tenant ID (<c>ten_…</c>): <c>webhookhub.tenant</c>.</summary>
    public const string Tenant = "webhookhub.tenant";

    /// <summary>The source ID (<c>src_…</c>): <c>webhookhub.source</c>.</summary>
    public const string Source = "webhookhub.source";

    /// <summary>The HTTP status a consumer's invocation answered: <c>webhookhub.status_code</c>.</summary>
    public const string StatusCode = "webhookhub.status_code";
}
