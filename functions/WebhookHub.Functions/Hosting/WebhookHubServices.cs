using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WebhookHub.Azure.KeyVault;
using WebhookHub.Azure.Telemetry;
using WebhookHub.Delivery;
using WebhookHub.Functions.Api;
using WebhookHub.Functions.Delivery;
using WebhookHub.Functions.Telemetry;
using WebhookHub.Functions.Workers;
using WebhookHub.Ingestion;
using WebhookHub.Providers;
using WebhookHub.Replay;
using WebhookHub.Routing;
using WebhookHub.Storage.Sqlite;
using WebhookHub.Tenancy;

namespace WebhookHub.Functions.Hosting;

/// <summary>Registers WebhookHub's services: options (validated at start-up), the store and queue (SQLite, or Table Storage with Service Bus), ingest, dispatch, delivery.</summary>
internal static class WebhookHubServices
{
    public static IServiceCollection AddWebhookHub(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<WebhookHubOptions>().Bind(configuration.GetSection(WebhookHubOptions.SectionName)).ValidateDataAnnotations();
        services.AddOptionsWithValidateOnStart<DeliveryOptions>().Bind(configuration.GetSection(DeliveryOptions.SectionName)).ValidateDataAnnotations();
        services.AddOptionsWithValidateOnStart<SqliteStoreOptions>().Bind(configuration.GetSection(SqliteStoreOptions.SectionName)).ValidateDataAnnotations();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookHubOptions>, HostingModeValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeliveryOptions>, DeliveryOutcomeOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeliveryOptions>, EndpointHealthOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(Random.Shared);
        services.TryAddSingleton(ProviderCatalog.Default);
        services.TryAddSingleton<AdminKey>();
        services.TryAddSingleton<WebhookHubMetrics>();

        // The adapters are chosen by configuration: SQLite as store and queue (the default), or Table Storage with Service Bus.
        var hosting = configuration.GetSection(WebhookHubOptions.SectionName).Get<WebhookHubOptions>() ?? new WebhookHubOptions();
        if (hosting.Storage == StorageKind.Tables)
        {
            services.AddAzureAdapters(configuration);
        }
        else
        {
            services.TryAddSingleton(sp => new SqliteWebhookStore(sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value));
            services.TryAddSingleton<ITenantStore>(sp => sp.GetRequiredService<SqliteWebhookStore>());
            services.TryAddSingleton<IEventStore>(sp => sp.GetRequiredService<SqliteWebhookStore>());
            services.TryAddSingleton<IDispatchQueue>(sp => sp.GetRequiredService<SqliteWebhookStore>());
            services.TryAddSingleton<IDeliveryStore>(sp => sp.GetRequiredService<SqliteWebhookStore>());
            services.TryAddSingleton<IDeliveryQueries>(sp => sp.GetRequiredService<SqliteWebhookStore>());
            services.TryAddSingleton<IReplayJobStore>(sp => sp.GetRequiredService<SqliteWebhookStore>());
        }

        // Decorates the stores registered above (signing secrets to Key Vault), so it comes after them; only with a VaultUri.
        services.AddWebhookHubKeyVault(configuration);

        services.TryAddSingleton<ReplayJobRunner>();

        services.TryAddSingleton<SourceDirectory>();
        services.TryAddSingleton<Ingestor>();
        services.TryAddSingleton<Dispatcher>();
        services.TryAddSingleton(sp => new RetrySchedule(sp.GetRequiredService<IOptions<DeliveryOptions>>().Value, sp.GetRequiredService<Random>()));
        services.TryAddSingleton(sp => new SsrfGuard(sp.GetRequiredService<IOptions<DeliveryOptions>>().Value));
        services.TryAddSingleton(sp => CreateDeliveryClient(sp.GetRequiredService<SsrfGuard>(), sp.GetRequiredService<IOptions<DeliveryOptions>>().Value));
        services.TryAddSingleton(sp => new Deliverer(
            sp.GetRequiredService<HttpClient>(), sp.GetRequiredService<IDeliveryStore>(), sp.GetRequiredService<ITenantStore>(), sp.GetRequiredService<RetrySchedule>(),
            sp.GetRequiredService<IOptions<DeliveryOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddEndpointFlow();

        // Queue consumers run when RunWorkers is on (in Azure Functions the Service Bus triggers consume instead). Bulk replay
        // jobs are not queue work, so with Service Bus every instance runs them.
        // A mismatched pair registers no consumers, so that start-up reports it (HostingModeValidator) rather than a missing service.
        var consumers = hosting.RunWorkers && (hosting.Storage == StorageKind.Tables) == (hosting.Messaging == MessagingKind.ServiceBus);
        if (consumers && hosting.Messaging == MessagingKind.Embedded)
        {
            services.AddHostedService<DispatchWorker>();
            services.AddHostedService<DeliveryWorker>();
        }
        else if (consumers)
        {
            services.AddHostedService<ServiceBusWorker>();
        }

        if (consumers || (hosting.Storage == StorageKind.Tables && hosting.Messaging == MessagingKind.ServiceBus)) services.AddHostedService<ReplayJobWorker>();

        services.AddWebhookHubApplicationInsights(configuration);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJson.Default));
        return services;
    }

    /// <summary>
    /// One pooled client for every delivery: no redirects, no cookies, SSRF guard at connect time, timeouts per attempt.
    /// Connections per endpoint match the worker's concurrency, so a claimed delivery is sent at once rather than queued
    /// inside the handler.
    /// </summary>
    private static HttpClient CreateDeliveryClient(SsrfGuard guard, DeliveryOptions options) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectCallback = guard.ConnectAsync,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        MaxConnectionsPerServer = options.MaxConcurrency,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
        DefaultRequestHeaders = { { "User-Agent", "WebhookHub/1.0" } },
    };
}
