using System.Diagnostics;

namespace WebhookHub.Tracing;

/// <summary>
/// End-to-end correlation without a telemetry SDK: the W3C trace context (www.w3.org/TR/trace-context, <c>traceparent</c>) of the
/// work in hand, carried from ingest to the Service Bus message as its <c>Diagnostic-Id</c> application property (the property
/// Azure SDKs use, learn.microsoft.com/azure/service-bus-messaging/service-bus-end-to-end-tracing), and continued by the
/// consumer that handles the message. Activities come from <see cref="Source"/>; when nothing listens to it (no telemetry
/// configured) none are created and every member here is a cheap no-op.
/// </summary>
public static class TraceContext
{
    /// <summary>The <see cref="ActivitySource"/> name, also the name of WebhookHub's <c>Meter</c>: <c>WebhookHub</c>.</summary>
    public const string SourceName = "WebhookHub";

    /// <summary>The message application property that carries the <c>traceparent</c>: <c>Diagnostic-Id</c> (matched without case).</summary>
    public const string DiagnosticIdProperty = "Diagnostic-Id";

    /// <summary>The source of WebhookHub's own activities (message consumers).</summary>
    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>
    /// The <c>traceparent</c> of <see cref="Activity.Current"/> (<c>00-{32 hex trace id}-{16 hex span id}-{2 hex flags}</c>), to
    /// store with an event and send as the message's <see cref="DiagnosticIdProperty"/>; <see langword="null"/> when there is no
    /// current activity or it does not use W3C IDs.
    /// </summary>
    public static string? Current() => Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null;

    /// <summary>
    /// Starts the activity of a message consumer (kind <see cref="ActivityKind.Consumer"/>) named <paramref name="name"/>, as a
    /// child of the trace context in <paramref name="diagnosticId"/> (a W3C <c>traceparent</c>), so that what the consumer does is
    /// part of the trace that produced the message; an activity already current (the host's call) is kept as a link. Without
    /// a valid <paramref name="diagnosticId"/> the activity is a child of <see cref="Activity.Current"/>. Dispose it when done.
    /// </summary>
    /// <returns>The started activity, or <see langword="null"/> when nothing listens to <see cref="Source"/>.</returns>
    public static Activity? StartConsumer(string name, string? diagnosticId)
    {
        if (!Source.HasListeners()) return null;
        if (diagnosticId is null || !ActivityContext.TryParse(diagnosticId, null, out var parent)) return Source.StartActivity(name, ActivityKind.Consumer);

        var links = Activity.Current is { } current ? new[] { new ActivityLink(current.Context) } : null;
        return Source.StartActivity(name, ActivityKind.Consumer, parent, links: links);
    }

    /// <summary>Tags <see cref="Activity.Current"/> (an HTTP request or a consumer) with the tenant and source it turned out to
    /// concern, for telemetry dimensions (<see cref="TraceTags"/>). Nothing happens without a current activity.</summary>
    public static void Tag(string? tenantId, string? sourceId = null)
    {
        if (Activity.Current is not { } activity) return;
        if (tenantId is not null) activity.SetTag(TraceTags.Tenant, tenantId);
        if (sourceId is not null) activity.SetTag(TraceTags.Source, sourceId);
    }

    /// <summary>Records how a consumer's invocation ended: its HTTP status (<see cref="TraceTags.StatusCode"/>), and an error
    /// status when it is not 2xx (the message will be retried).</summary>
    public static void SetResult(Activity? activity, int statusCode)
    {
        if (activity is null) return;
        activity.SetTag(TraceTags.StatusCode, statusCode);
        if (statusCode is < 200 or > 299) activity.SetStatus(ActivityStatusCode.Error);
    }
}
