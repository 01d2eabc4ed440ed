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

/// <summary>Registers WebhookHub's services: options (validated at start-up), the SQLite store, ingest, dispatch, delivery.</summary>
internal static class WebhookHubServices
{
    public static IServiceCollection AddWebhookHub(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<WebhookHubOptions>().Bind(configuration.GetSection(WebhookHubOptions.SectionName)).ValidateDataAnnotations();
        services.AddOptionsWithValidateOnStart<DeliveryOptions>().Bind(configuration.GetSection(DeliveryOptions.SectionName)).ValidateDataAnnotations();
        services.AddOptionsWithValidateOnStart<SqliteStoreOptions>().Bind(configuration.GetSection(SqliteStoreOptions.SectionName)).ValidateDataAnnotations();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeliveryOptions>, DeliveryOutcomeOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeliveryOptions>, EndpointHealthOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(Random.Shared);
        services.TryAddSingleton(ProviderCatalog.Default);
        services.TryAddSingleton<AdminKey>();
        services.TryAddSingleton<WebhookHubMetrics>();

        services.TryAddSingleton(sp => new SqliteWebhookStore(sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value));
        services.TryAddSingleton<ITenantStore>(sp => sp.GetRequiredService<SqliteWebhookStore>());
        services.TryAddSingleton<IEventStore>(sp => sp.GetRequiredService<SqliteWebhookStore>());
        services.TryAddSingleton<IDispatchQueue>(sp => sp.GetRequiredService<SqliteWebhookStore>());
        services.TryAddSingleton<IDeliveryStore>(sp => sp.GetRequiredService<SqliteWebhookStore>());
        services.TryAddSingleton<IDeliveryQueries>(sp => sp.GetRequiredService<SqliteWebhookStore>());
        services.TryAddSingleton<IReplayJobStore>(sp => sp.GetRequiredService<SqliteWebhookStore>());
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

        if (configuration.GetValue(WebhookHubOptions.SectionName + ":" + nameof(WebhookHubOptions.RunWorkers), true))
        {
            services.AddHostedService<DispatchWorker>();
            services.AddHostedService<DeliveryWorker>();
            services.AddHostedService<ReplayJobWorker>();
        }

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
