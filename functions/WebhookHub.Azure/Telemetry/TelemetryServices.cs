using Azure.Identity;
using Microsoft.ApplicationInsights.DependencyCollector;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace WebhookHub.Azure.Telemetry;

/// <summary>Registers Application Insights telemetry.</summary>
public static class TelemetryServices
{
    /// <summary>
    /// When <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, and only then: the Application Insights WorkerService SDK
    /// (dependencies, logs at Warning and above, performance counters, live metrics; the SDK's own <c>ApplicationInsights</c>
    /// section still applies), sending with a Microsoft Entra token of <c>DefaultAzureCredential</c> when
    /// <c>WebhookHub:Telemetry:EntraAuthentication</c> is <see langword="true"/>; cloud role name
    /// <see cref="TelemetryOptions.CloudRoleName"/>; one request per HTTP request named by route template
    /// (<see cref="RequestTelemetryMiddleware"/>, first in the pipeline); the activity listener that makes correlation work and
    /// sends the <c>dispatch</c>/<c>deliver</c> consumer activities (<see cref="ActivityTelemetryBridge"/>); the per-tenant custom
    /// metrics (<see cref="MetricsBridge"/>); HTTP dependency URLs cut to their origin (<see cref="DependencyUrlScrubber"/>); and no
    /// <c>Request-Context</c> or <c>Request-Id</c> headers on outgoing calls (deliveries carry only the W3C <c>traceparent</c>).
    /// Calling it again changes nothing.
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="configuration">The app's configuration.</param>
    public static IServiceCollection AddWebhookHubApplicationInsights(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration[TelemetryOptions.ConnectionStringSetting];
        if (string.IsNullOrWhiteSpace(connectionString)) return services;
        if (services.Any(d => d.ServiceType == typeof(ActivityTelemetryBridge))) return services;

        var section = configuration.GetSection(TelemetryOptions.SectionName);
        services.AddApplicationInsightsTelemetryWorkerService(options => options.ConnectionString = connectionString);
        // Deliveries go to third parties: send them no Application Insights headers (Request-Context names our component, Request-Id
        // is a legacy duplicate of the W3C traceparent that .NET itself sends).
        services.ConfigureTelemetryModule<DependencyTrackingTelemetryModule>((module, _) =>
        {
            module.SetComponentCorrelationHttpHeaders = false;
            module.EnableRequestIdHeaderInjectionInW3CMode = false;
        });
        if (section.GetValue<bool>(nameof(TelemetryOptions.EntraAuthentication)))
        {
            services.Configure<TelemetryConfiguration>(telemetry => telemetry.SetAzureTokenCredential(new DefaultAzureCredential()));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ITelemetryInitializer, CloudRoleNameInitializer>();
        services.AddSingleton<ITelemetryInitializer, DependencyUrlScrubber>();
        services.AddSingleton<IStartupFilter, RequestTelemetryStartupFilter>();
        services.AddSingleton<ActivityTelemetryBridge>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<ActivityTelemetryBridge>());
        services.AddSingleton<MetricsBridge>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<MetricsBridge>());
        return services;
    }
}
