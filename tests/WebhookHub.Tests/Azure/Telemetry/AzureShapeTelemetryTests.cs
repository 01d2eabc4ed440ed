using System.Net;
using Azure.Security.KeyVault.Secrets;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.Extensions.DependencyInjection;
using WebhookHub.Azure.KeyVault;
using WebhookHub.Azure.Tables;
using WebhookHub.Tests.Azure.KeyVault;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Azure.Telemetry;

/// <summary>
/// The whole Azure shape at once: Table Storage (Azurite), Service Bus (<see cref="FakeServiceBus"/>, consumed by the peek-lock
/// receiver), Key Vault (a fake <c>SecretClient</c>) and Application Insights (an in-memory channel). One trace runs from the
/// ingest request through the events message and the deliveries message to the HTTP delivery; signing secrets never reach a table.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureShapeTelemetryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly Vector GitHub = Vectors.Load("github-examples.json")[0];
    private readonly RecordingTelemetryChannel _channel = new();
    private readonly FakeSecretClient _vault = new();
    private FakeServiceBus _bus = null!;
    private SignedReceiver _receiver = null!;
    private HubHost _hub = null!;

    public async Task InitializeAsync()
    {
        _bus = await AzureShape.StartBusAsync();
        _receiver = await SignedReceiver.StartAsync();
        _hub = await TelemetryHub.StartAsync(_channel,
            services => services.AddSingleton<SecretClient>(_vault).AddSingleton(AzureShape.OwnTables(azurite, "kvai")),
            [.. AzureShape.Args(azurite, _bus), "--WebhookHub:MaxBodyBytes=983040", $"--WebhookHub:KeyVault:VaultUri={FakeSecretClient.Vault}"]);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _receiver.DisposeAsync();
        await _bus.DisposeAsync();
    }

    [Fact]
    public async Task SignedWebhook_OneTraceFromIngestThroughServiceBusToDelivery_SecretsOnlyInVault()
    {
        var tenant = await _hub.CreateTenantAsync();
        var sourceId = await tenant.CreateSourceAsync("github", [GitHub.Secret]);
        var (subscriptionId, secret) = await tenant.CreateSubscriptionAsync(_receiver.UrlFor("hook"));
        _receiver.Expect("hook", secret);

        using (var response = await IngestClient.PostAsync(_hub.Client, sourceId, GitHub.Body, GitHub.Headers))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await TaskTimeouts.Eventually(() => Task.FromResult(!_receiver.Received.IsEmpty), "the delivery arrives");
        await TaskTimeouts.Eventually(
            () => Task.FromResult(_channel.OfType<RequestTelemetry>().Any(r => r.Name == "Process deliver" && r.Properties.TryGetValue("tenant", out var t) && t == tenant.Id)),
            "the deliver consumer is recorded");

        Assert.True(Assert.Single(_receiver.Received).SignatureValid);
        var ingest = Assert.Single(_channel.OfType<RequestTelemetry>(), r => r.Properties.TryGetValue("source", out var s) && s == sourceId);
        Assert.Equal("POST /api/webhooks/{sourceId}", ingest.Name);
        var operation = ingest.Context.Operation.Id;
        var dispatch = Assert.Single(_channel.OfType<RequestTelemetry>(), r => r.Name == "Process dispatch" && r.Context.Operation.Id == operation);
        var deliver = Assert.Single(_channel.OfType<RequestTelemetry>(), r => r.Name == "Process deliver" && r.Context.Operation.Id == operation);
        Assert.Equal(ingest.Id, dispatch.Context.Operation.ParentId);
        Assert.Equal(tenant.Id, deliver.Properties["tenant"]);
        Assert.Contains(_channel.OfType<DependencyTelemetry>(), d => d.Context.Operation.Id == operation && d.Context.Operation.ParentId == deliver.Id
            && d.Data == new Uri(_receiver.BaseUrl).GetLeftPart(UriPartial.Authority));

        var tables = _hub.Services.GetRequiredService<TableWebhookStore>();
        Assert.True(SecretReference.IsReference(Assert.Single((await tables.GetSourceAsync(sourceId))!.Secrets).Value));
        var stored = (await tables.GetSubscriptionAsync(tenant.Id, subscriptionId))!;
        Assert.True(SecretReference.IsReference(stored.Secret));
        Assert.True(SecretReference.IsReference(stored.SigningKeys.Ed25519SecretKey));
        Assert.Contains(GitHub.Secret, _vault.AllValues);
        Assert.Contains(secret, _vault.AllValues);
    }
}
