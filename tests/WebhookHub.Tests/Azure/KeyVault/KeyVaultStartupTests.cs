using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WebhookHub.Azure.KeyVault;
using WebhookHub.Delivery;
using WebhookHub.Storage.Sqlite;
using WebhookHub.Tenancy;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Azure.KeyVault;

/// <summary>Start-up with and without a vault.</summary>
public sealed class KeyVaultStartupTests
{
    [Fact]
    public async Task Start_NoVaultUri_NothingDecorated()
    {
        await using var hub = await HubHost.StartAsync((TimeProvider?)null);

        Assert.IsType<SqliteWebhookStore>(hub.Services.GetRequiredService<ITenantStore>());
        Assert.IsType<SqliteWebhookStore>(hub.Services.GetRequiredService<IDeliveryStore>());
        Assert.Null(hub.Services.GetService<ISecretVault>());
        Assert.Null(hub.Services.GetService<SecretClient>());
    }

    [Theory]
    [InlineData("--WebhookHub:KeyVault:VaultUri=http://vault.example/",
        "WebhookHub:KeyVault:VaultUri must be an absolute https URL such as https://name.vault.azure.net/; got 'http://vault.example/'.")]
    [InlineData("--WebhookHub:KeyVault:CacheTtl=00:00:00",
        "WebhookHub:KeyVault:CacheTtl must be more than 00:00:00 and at most 1.00:00:00; got 00:00:00.")]
    [InlineData("--WebhookHub:KeyVault:RefreshGracePeriod=8.00:00:00",
        "WebhookHub:KeyVault:RefreshGracePeriod must be 00:00:00 to 7.00:00:00; got 8.00:00:00.")]
    public async Task Start_BadSetting_FailsWithMessageNamingIt(string setting, string expected)
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => HubHost.StartAsync(
            services => services.AddSingleton<SecretClient>(new FakeSecretClient()), null, "--WebhookHub:KeyVault:VaultUri=https://v.vault.azure.net/", setting));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void AddWebhookHubKeyVault_CalledTwice_DecoratesOnce()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["WebhookHub:KeyVault:VaultUri"] = "https://v.vault.azure.net/" }).Build();
        var services = new ServiceCollection().AddLogging();
        var inner = new InMemorySubscriptionStore();
        services.AddSingleton<ITenantStore>(inner).AddSingleton<IDeliveryStore>(new RecordingDeliveryStore());
        services.AddSingleton<SecretClient>(new FakeSecretClient());

        services.AddWebhookHubKeyVault(configuration).AddWebhookHubKeyVault(configuration);
        using var provider = services.BuildServiceProvider();

        Assert.IsType<KeyVaultTenantStore>(provider.GetRequiredService<ITenantStore>());
        Assert.Single(services, d => d.ServiceType == typeof(ITenantStore));
    }

    [Fact]
    public void AddWebhookHubKeyVault_StoresNotRegistered_ClearError()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["WebhookHub:KeyVault:VaultUri"] = "https://v.vault.azure.net/" }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => { new ServiceCollection().AddWebhookHubKeyVault(configuration); });

        Assert.Equal("ITenantStore must be registered before it can be decorated; register the stores first.", error.Message);
    }
}
