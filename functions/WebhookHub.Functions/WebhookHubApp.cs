using Microsoft.Extensions.Options;
using WebhookHub.Functions.Api;
using WebhookHub.Functions.CustomHandler;
using WebhookHub.Functions.Hosting;
using WebhookHub.Functions.Ingest;
using WebhookHub.Storage.Sqlite;

namespace WebhookHub.Functions;

/// <summary>Builds the WebhookHub web application; <c>Program</c> runs it and tests start it in-process on a loopback port.</summary>
public static class WebhookHubApp
{
    /// <summary>Builds the app from <paramref name="args"/> and the usual configuration sources.</summary>
    /// <param name="args">Command-line arguments (<c>--urls</c>, <c>--WebhookHub:Name=value</c>, …).</param>
    /// <param name="configureServices">Optional last word on services, for tests (for example a fake <see cref="TimeProvider"/>).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        // Settings files sit beside the binary; the working directory only anchors relative data paths such as .data/.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddWebhookHub(builder.Configuration);
        builder.Services.AddTrustedProxies(builder.Configuration);
        configureServices?.Invoke(builder.Services);
        // Started by the Azure Functions host: listen where it says, on loopback, whatever else is configured.
        var customHandlerUrl = CustomHandlerPort.ListenUrl(builder.Configuration);
        if (customHandlerUrl is not null)
        {
            builder.WebHost.UseUrls(customHandlerUrl);
        }
        else if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(builder.Configuration[$"{WebhookHubOptions.SectionName}:{nameof(WebhookHubOptions.Listen)}"] ?? new WebhookHubOptions().Listen);
        }

        var app = builder.Build();
        app.UseTrustedProxies();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapGet("/", () => TypedResults.Ok("WebhookHub"));
        app.MapGet("/healthz", () => TypedResults.Ok("ok"));
        app.MapIngestEndpoint();
        app.MapTenantsApi();
        app.MapSourcesApi();
        app.MapSourceSecretsApi();
        app.MapSubscriptionsApi();
        app.MapSubscriptionSigningApi();
        app.MapEventsApi();
        app.MapDeliveriesApi();
        app.MapDeadLettersApi();
        app.MapReplayJobsApi();
        if (customHandlerUrl is not null) app.MapCustomHandlerFunctions();

        app.Lifetime.ApplicationStarted.Register(() => AnnounceAdminKey(app));
        return app;
    }

    private static void AnnounceAdminKey(WebApplication app)
    {
        var key = app.Services.GetRequiredService<AdminKey>();
        var data = app.Services.GetRequiredService<IOptions<WebhookHubOptions>>().Value.Storage == StorageKind.Tables
            ? "Azure Table Storage"
            : Path.GetFullPath(app.Services.GetRequiredService<IOptions<SqliteStoreOptions>>().Value.Path);
        Console.WriteLine($"WebhookHub listening on {string.Join(", ", app.Urls)}; data in {data}");
        if (key.Generated)
        {
            // Printed once, to the console only (never to the log pipeline), on the start that generated it.
            Console.WriteLine($"Admin API key (generated, kept in {key.FilePath}): {key.Value}");
        }
        else if (key.FilePath is not null)
        {
            Console.WriteLine($"Admin API key: see {key.FilePath}");
        }
    }
}
