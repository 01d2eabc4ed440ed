using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebhookHub.Delivery;
using WebhookHub.Tenancy;

namespace WebhookHub.Azure.KeyVault;

/// <summary>Registers Key Vault for signing secrets.</summary>
public static class KeyVaultServices
{
    /// <summary>
    /// When <c>WebhookHub:KeyVault:VaultUri</c> is set (environment <c>WebhookHub__KeyVault__VaultUri</c>), and only then:
    /// binds <see cref="KeyVaultOptions"/> (validated at start-up), registers a <see cref="SecretClient"/> for the vault with
    /// <c>DefaultAzureCredential</c> (unless one is registered already), the cached <see cref="ISecretVault"/>, and decorates
    /// the registered <see cref="ITenantStore"/> and <see cref="IDeliveryStore"/> so that signing secrets go to the vault and
    /// the store keeps references. Call it after the stores are registered; calling it again changes nothing.
    /// </summary>
    /// <param name="services">The services, with <see cref="ITenantStore"/> and <see cref="IDeliveryStore"/> registered.</param>
    /// <param name="configuration">The app's configuration.</param>
    /// <exception cref="InvalidOperationException">A vault is configured but a store is not registered yet.</exception>
    public static IServiceCollection AddWebhookHubKeyVault(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(KeyVaultOptions.SectionName);
        if (string.IsNullOrWhiteSpace(section[nameof(KeyVaultOptions.VaultUri)])) return services;
        if (services.Any(d => d.ServiceType == typeof(SigningSecretReferences))) return services;

        services.AddOptionsWithValidateOnStart<KeyVaultOptions>().Bind(section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KeyVaultOptions>, KeyVaultOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SecretClient(sp.GetRequiredService<IOptions<KeyVaultOptions>>().Value.VaultUri, new DefaultAzureCredential()));
        services.TryAddSingleton<ISecretVault>(sp => new CachedSecretVault(
            new KeyVaultSecretVault(sp.GetRequiredService<SecretClient>()),
            sp.GetRequiredService<IOptions<KeyVaultOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<CachedSecretVault>>()));
        services.AddSingleton(sp => new SigningSecretReferences(sp.GetRequiredService<ISecretVault>()));
        services.Decorate<ITenantStore>((sp, inner) => new KeyVaultTenantStore(inner, sp.GetRequiredService<SigningSecretReferences>()));
        services.Decorate<IDeliveryStore>((sp, inner) => new KeyVaultDeliveryStore(inner, sp.GetRequiredService<SigningSecretReferences>()));
        return services;
    }
}
