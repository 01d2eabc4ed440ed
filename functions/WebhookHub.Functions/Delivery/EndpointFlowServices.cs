using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WebhookHub.Delivery;
using WebhookHub.Tenancy;

namespace WebhookHub.Functions.Delivery;

/// <summary>Registers endpoint health and flow: circuit breakers, rate limiters, the health tracker and <see cref="EndpointFlow"/>.</summary>
internal static class EndpointFlowServices
{
    /// <summary>Adds the services once; safe to call twice.</summary>
    public static IServiceCollection AddEndpointFlow(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new EndpointCircuitBreakers(
            sp.GetRequiredService<IOptions<DeliveryOptions>>().Value, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<EndpointCircuitBreakers>>()));
        services.TryAddSingleton<EndpointRateLimiters>();
        services.TryAddSingleton(sp => new EndpointHealthTracker(
            sp.GetRequiredService<ITenantStore>(), sp.GetRequiredService<IOptions<DeliveryOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<EndpointFlow>();
        return services;
    }
}
