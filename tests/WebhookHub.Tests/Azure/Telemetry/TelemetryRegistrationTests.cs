using System.Reflection;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WebhookHub.Azure.Telemetry;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Azure.Telemetry;

/// <summary>What the app registers with and without <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>.</summary>
public sealed class TelemetryRegistrationTests
{
    [Fact]
    public async Task Start_NoConnectionString_NoTelemetryServices()
    {
        await using var hub = await HubHost.StartAsync((TimeProvider?)null);

        Assert.Null(hub.Services.GetService<TelemetryClient>());
        Assert.Null(hub.Services.GetService<TelemetryConfiguration>());
        Assert.DoesNotContain(hub.Services.GetServices<IStartupFilter>(), f => f is RequestTelemetryStartupFilter);
        Assert.DoesNotContain(hub.Services.GetServices<IHostedService>(), s => s is ActivityTelemetryBridge or MetricsBridge);
    }

    [Fact]
    public async Task Start_EntraAuthentication_TelemetryConfigurationCarriesCredential()
    {
        var channel = new RecordingTelemetryChannel();

        await using var hub = await TelemetryHub.StartAsync(channel, "--WebhookHub:Telemetry:EntraAuthentication=true");

        var configuration = hub.Services.GetRequiredService<TelemetryConfiguration>();
        Assert.NotNull(CredentialOf(configuration));
        Assert.Equal("00000000-0000-0000-0000-000000000001", configuration.InstrumentationKey);
    }

    [Fact]
    public async Task Start_EntraAuthenticationOff_NoCredential()
    {
        await using var hub = await TelemetryHub.StartAsync(new RecordingTelemetryChannel());

        Assert.Null(CredentialOf(hub.Services.GetRequiredService<TelemetryConfiguration>()));
    }

    [Fact]
    public void AddWebhookHubApplicationInsights_CalledTwice_RegistersOnce()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = TelemetryHub.ConnectionString })
            .Build();
        var services = new ServiceCollection();

        services.AddWebhookHubApplicationInsights(configuration).AddWebhookHubApplicationInsights(configuration);

        Assert.Single(services, d => d.ServiceType == typeof(ActivityTelemetryBridge));
        Assert.Single(services, d => d.ServiceType == typeof(TelemetryClient));
    }

    /// <summary>The credential <c>SetAzureTokenCredential</c> stored (an internal property of the SDK, read by reflection).</summary>
    private static object? CredentialOf(TelemetryConfiguration configuration) =>
        (typeof(TelemetryConfiguration).GetProperty("CredentialEnvelope", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            ?? throw new InvalidOperationException("TelemetryConfiguration.CredentialEnvelope not found; the SDK changed."))
        .GetValue(configuration);
}
