using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.DataContracts;
using OperationTelemetry = Microsoft.ApplicationInsights.Extensibility.Implementation.OperationTelemetry;
using WebhookHub.Tracing;

namespace WebhookHub.Azure.Telemetry;

/// <summary>
/// The activity listener of the app while Application Insights is on (without one, .NET creates no activities and correlation
/// IDs do not exist). It samples every activity of ASP.NET Core (<c>Microsoft.AspNetCore</c>, so each HTTP request has one for
/// <see cref="RequestTelemetryMiddleware"/> and its dependencies) and of WebhookHub (<see cref="TraceContext.Source"/>), and
/// sends each WebhookHub activity that ends: consumer and server activities as requests (<c>Process dispatch</c> and
/// <c>Process deliver</c>, one per message handled), others as <c>InProc</c> dependencies. Each item keeps the activity's trace ID as operation ID and its
/// parent span as parent, carries the <c>tenant</c> and <c>source</c> tags as dimensions, and lists the activity's links in the
/// <c>_MS.links</c> property as <c>[{"operation_Id":trace ID,"id":span ID}]</c>, the form the Azure Monitor exporters write for
/// span links (query with <c>parse_json(tostring(customDimensions["_MS.links"]))</c>). Without a connection string nothing
/// registers this, and activities stay off.
/// </summary>
internal sealed class ActivityTelemetryBridge(TelemetryClient telemetry) : TelemetryListener
{
    /// <summary>ASP.NET Core's activity source, whose request activities the request telemetry relies on.</summary>
    private const string AspNetCoreSource = "Microsoft.AspNetCore";

    /// <inheritdoc/>
    protected override IDisposable Listen()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is TraceContext.SourceName or AspNetCoreSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = OnStopped,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private void OnStopped(Activity activity)
    {
        if (activity.Source.Name != TraceContext.SourceName) return;

        OperationTelemetry item = activity.Kind is ActivityKind.Consumer or ActivityKind.Server
            ? new RequestTelemetry
            {
                ResponseCode = activity.GetTagItem(TraceTags.StatusCode) is { } code ? Convert.ToString(code, CultureInfo.InvariantCulture) : "0",
            }
            : new DependencyTelemetry { Type = "InProc" };
        item.Name = activity.DisplayName;
        item.Id = RequestTelemetryMiddleware.SpanId(activity);
        item.Timestamp = activity.StartTimeUtc;
        item.Duration = activity.Duration;
        item.Success = activity.Status != ActivityStatusCode.Error;
        item.Context.Operation.Id = RequestTelemetryMiddleware.TraceId(activity);
        item.Context.Operation.ParentId = RequestTelemetryMiddleware.ParentId(activity);
        item.Context.Operation.Name = activity.DisplayName;
        if (activity.GetTagItem(TraceTags.Tenant) is string tenant) item.Properties[TelemetryDimensions.Tenant] = tenant;
        if (activity.GetTagItem(TraceTags.Source) is string source) item.Properties[TelemetryDimensions.Source] = source;
        if (Links(activity) is { } links) item.Properties["_MS.links"] = links;

        if (item is RequestTelemetry request) telemetry.TrackRequest(request);
        else telemetry.TrackDependency((DependencyTelemetry)item);
    }

    private static string? Links(Activity activity)
    {
        List<Dictionary<string, string>>? links = null;
        foreach (var link in activity.Links)
        {
            (links ??= []).Add(new Dictionary<string, string>
            {
                ["operation_Id"] = link.Context.TraceId.ToHexString(),
                ["id"] = link.Context.SpanId.ToHexString(),
            });
        }

        return links is null ? null : JsonSerializer.Serialize(links, TelemetryJson.Default.ListDictionaryStringString);
    }
}
