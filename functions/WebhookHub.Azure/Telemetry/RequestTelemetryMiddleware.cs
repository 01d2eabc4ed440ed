using System.Diagnostics;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WebhookHub.Tracing;

namespace WebhookHub.Azure.Telemetry;

/// <summary>
/// Records one Application Insights request per HTTP request (the WorkerService SDK records none): named
/// <c>{METHOD} {route template}</c> (for example <c>POST /api/webhooks/{sourceId}</c>; never the path itself, whose IDs and query
/// may carry tokens, and no URL), with status code, duration, success (status below 400) and the dimensions <c>tenant</c> and
/// <c>source</c> when the endpoint tagged them (<see cref="TraceContext.Tag"/>). Its ID and operation are those of the request's
/// <see cref="Activity"/> (ASP.NET Core's, continuing an incoming <c>traceparent</c>), so dependencies tracked while it runs (HTTP
/// deliveries, Azure calls) are its children.
/// </summary>
internal sealed class RequestTelemetryMiddleware(RequestDelegate next, TelemetryClient telemetry, TimeProvider timeProvider)
{
    private static readonly HashSet<string> KnownMethods = new(StringComparer.Ordinal)
    {
        "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS",
    };

    /// <summary>Runs the rest of the pipeline and records the request, also when it throws.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        // ASP.NET Core starts an activity per request when anything listens (ActivityTelemetryBridge does); if none exists, one of
        // our own stands in so the request still has IDs its dependencies can point to.
        var own = Activity.Current is null ? new Activity("WebhookHub.HttpRequest").Start() : null;
        var activity = Activity.Current!;
        var started = timeProvider.GetUtcNow();
        var timestamp = timeProvider.GetTimestamp();
        var failed = false;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            Track(context, activity, started, timeProvider.GetElapsedTime(timestamp), failed);
            own?.Stop();
        }
    }

    private void Track(HttpContext context, Activity activity, DateTimeOffset started, TimeSpan duration, bool failed)
    {
        var status = failed && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
        var name = $"{Method(context.Request.Method)} {RouteTemplate(context)}";
        var request = new RequestTelemetry(name, started, duration, status.ToString(System.Globalization.CultureInfo.InvariantCulture), status < 400)
        {
            Id = SpanId(activity),
        };
        request.Context.Operation.Id = TraceId(activity);
        request.Context.Operation.ParentId = ParentId(activity);
        request.Context.Operation.Name = name;
        if (activity.GetTagItem(TraceTags.Tenant) is string tenant) request.Properties[TelemetryDimensions.Tenant] = tenant;
        if (activity.GetTagItem(TraceTags.Source) is string source) request.Properties[TelemetryDimensions.Source] = source;
        telemetry.TrackRequest(request);
    }

    /// <summary>The matched endpoint's route template with a leading slash and no trailing one (a group's <c>""</c> route ends in
    /// one), or <c>(no route)</c>.</summary>
    private static string RouteTemplate(HttpContext context)
    {
        var endpoint = context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        if (endpoint is not RouteEndpoint { RoutePattern.RawText: { } template }) return "(no route)";
        return "/" + template.Trim('/');
    }

    private static string Method(string method) => KnownMethods.Contains(method) ? method : "OTHER";

    internal static string SpanId(Activity activity) =>
        activity.IdFormat == ActivityIdFormat.W3C ? activity.SpanId.ToHexString() : activity.Id ?? "";

    internal static string TraceId(Activity activity) =>
        activity.IdFormat == ActivityIdFormat.W3C ? activity.TraceId.ToHexString() : activity.RootId ?? "";

    internal static string? ParentId(Activity activity) =>
        activity.IdFormat == ActivityIdFormat.W3C
            ? activity.ParentSpanId == default ? null : activity.ParentSpanId.ToHexString()
            : activity.ParentId;
}
