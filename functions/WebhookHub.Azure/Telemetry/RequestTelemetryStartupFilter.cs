using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace WebhookHub.Azure.Telemetry;

/// <summary>Puts <see cref="RequestTelemetryMiddleware"/> first in the pipeline, so it sees every request and its final status.</summary>
internal sealed class RequestTelemetryStartupFilter : IStartupFilter
{
    /// <inheritdoc/>
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<RequestTelemetryMiddleware>();
        next(app);
    };
}
