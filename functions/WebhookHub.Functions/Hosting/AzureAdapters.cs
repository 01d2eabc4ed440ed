using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WebhookHub.Azure.Messaging;
using WebhookHub.Azure.ServiceBus;
using WebhookHub.Azure.Tables;
using WebhookHub.Delivery;
using WebhookHub.Ingestion;
using WebhookHub.Replay;
using WebhookHub.Routing;
using WebhookHub.Tenancy;

namespace WebhookHub.Functions.Hosting;

/// <summary>
/// Registers the Azure shape (<c>WebhookHub:Storage</c> = <c>Tables</c>, <c>WebhookHub:Messaging</c> = <c>ServiceBus</c>): the Table
/// Storage store behind every store port, Service Bus messages for stored events (through the outbox relay) and for due deliveries.
/// Credentials: a connection string when one is configured (Azurite, development), otherwise <see cref="DefaultAzureCredential"/>
/// (the Function App's managed identity).
/// </summary>
internal static class AzureAdapters
{
    public static IServiceCollection AddAzureAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<TableStoreOptions>().Bind(configuration.GetSection(TableStoreOptions.SectionName))
            .Validate(o => o.Endpoint is not null ^ !string.IsNullOrEmpty(o.ConnectionString),
                "WebhookHub:Tables needs exactly one of Endpoint (Microsoft Entra, e.g. https://account.table.core.windows.net) or ConnectionString.");
        services.AddOptionsWithValidateOnStart<ServiceBusOptions>().Bind(configuration.GetSection(ServiceBusOptions.SectionName))
            .Validate(o => !string.IsNullOrEmpty(o.ConnectionString) || !string.IsNullOrEmpty(configuration[ServiceBusOptions.NamespaceSetting]),
                "WebhookHub:ServiceBus needs ConnectionString, or ServiceBusConnection__fullyQualifiedNamespace for Microsoft Entra.");
        // An entity holds 1 MiB: unless MaxBodyBytes is set explicitly (and then validated), bodies are capped at what a row holds.
        services.PostConfigure<WebhookHubOptions>(o =>
        {
            if (configuration[$"{WebhookHubOptions.SectionName}:{nameof(WebhookHubOptions.MaxBodyBytes)}"] is null)
            {
                o.MaxBodyBytes = Math.Min(o.MaxBodyBytes, TableWebhookStore.MaxEventBytes);
            }
        });
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());

        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TableStoreOptions>>().Value;
            var clientOptions = new TableClientOptions { TimeProvider = sp.GetRequiredService<TimeProvider>() };
            var service = string.IsNullOrEmpty(options.ConnectionString)
                ? new TableServiceClient(options.Endpoint!, sp.GetRequiredService<TokenCredential>(), clientOptions)
                : TableServiceClient.FromConnectionString(options.ConnectionString, clientOptions);
            return new TableWebhookStore(service);
        });
        services.AddHostedService<TableStoreInitializer>();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ServiceBusOptions>>().Value;
            var clientOptions = new ServiceBusClientOptions { TimeProvider = sp.GetRequiredService<TimeProvider>() };
            return string.IsNullOrEmpty(options.ConnectionString)
                ? new ServiceBusClient(configuration[ServiceBusOptions.NamespaceSetting]!, sp.GetRequiredService<TokenCredential>(), clientOptions)
                : ServiceBusClient.FromConnectionString(options.ConnectionString, clientOptions);
        });
        services.TryAddSingleton(sp =>
        {
            var client = sp.GetRequiredService<ServiceBusClient>();
            var options = sp.GetRequiredService<IOptions<ServiceBusOptions>>().Value;
            return new WorkPublisher(client.CreateSender(options.EventsTopic), client.CreateSender(options.DeliveriesQueue), sp.GetRequiredService<TimeProvider>());
        });

        services.TryAddSingleton<ITenantStore>(sp => sp.GetRequiredService<TableWebhookStore>());
        services.TryAddSingleton<IEventStore>(sp => sp.GetRequiredService<TableWebhookStore>());
        services.TryAddSingleton<IEventOutbox>(sp => sp.GetRequiredService<TableWebhookStore>());
        services.TryAddSingleton<IDeliveryQueries>(sp => sp.GetRequiredService<TableWebhookStore>());
        services.TryAddSingleton<IReplayJobStore>(sp => sp.GetRequiredService<TableWebhookStore>());
        services.TryAddSingleton<IDispatchQueue>(sp => new MessagingDispatchQueue(sp.GetRequiredService<TableWebhookStore>(), sp.GetRequiredService<WorkPublisher>()));
        services.TryAddSingleton<IDeliveryStore>(sp => new MessagingDeliveryStore(sp.GetRequiredService<TableWebhookStore>(), sp.GetRequiredService<WorkPublisher>()));
        services.AddSingleton<OutboxRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay>());
        return services;
    }

    /// <summary>Creates the tables at start-up when <see cref="TableStoreOptions.CreateTables"/> is on (the Bicep deployment creates them).</summary>
    private sealed class TableStoreInitializer(TableWebhookStore store, IOptions<TableStoreOptions> options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) =>
            options.Value.CreateTables ? store.CreateTablesAsync(cancellationToken) : Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
