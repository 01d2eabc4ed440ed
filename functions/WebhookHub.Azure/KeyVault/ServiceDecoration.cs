using Microsoft.Extensions.DependencyInjection;

namespace WebhookHub.Azure.KeyVault;

/// <summary>Wraps the registration of a service in a decorator, whatever form the registration took (instance, factory or type).</summary>
internal static class ServiceDecoration
{
    /// <summary>
    /// Replaces the last registration of <typeparamref name="TService"/> with one that builds the original and hands it to
    /// <paramref name="decorate"/>, keeping its lifetime. Resolving <typeparamref name="TService"/> then yields the decorator.
    /// </summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="TService"/> is not registered yet.</exception>
    public static IServiceCollection Decorate<TService>(this IServiceCollection services, Func<IServiceProvider, TService, TService> decorate)
        where TService : class
    {
        var index = -1;
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(TService) && !services[i].IsKeyedService)
            {
                index = i;
                break;
            }
        }

        if (index < 0) throw new InvalidOperationException($"{typeof(TService).Name} must be registered before it can be decorated; register the stores first.");
        var original = services[index];
        services[index] = ServiceDescriptor.Describe(typeof(TService), sp => decorate(sp, Create<TService>(sp, original)), original.Lifetime);
        return services;
    }

    private static TService Create<TService>(IServiceProvider services, ServiceDescriptor descriptor) where TService : class =>
        (TService)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
