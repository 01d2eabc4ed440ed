using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebhookHub.Azure.Tables;
using WebhookHub.Functions.Hosting;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.EndToEnd;

/// <summary>
/// The Azure shape end to end: WebhookHub with Table Storage (Azurite) as its store and Service Bus (the REST contract, served by
/// <see cref="FakeServiceBus"/>) as its messaging, consumed by the peek-lock receiver. Real GitHub deliveries in (signed by
/// @octokit/webhooks-methods), Standard Webhooks deliveries out, checked by a receiver that verifies every signature.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureShapeFlowTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly IReadOnlyList<Vector> GitHubEvents = Vectors.Load("github-examples.json");
    private FakeServiceBus _bus = null!;
    private SignedReceiver _receiver = null!;
    private HubHost _hub = null!;

    public async Task InitializeAsync()
    {
        _bus = await AzureShape.StartBusAsync();
        _receiver = await SignedReceiver.StartAsync();
        _hub = await HubHost.StartAsync(services => services.AddSingleton(AzureShape.OwnTables(azurite, "e2e")), directory: null, AzureShape.Args(azurite, _bus));
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _receiver.DisposeAsync();
        await _bus.DisposeAsync();
    }

    [Fact]
    public async Task SignedWebhooks_StoredInTablesRelayedOverServiceBus_DeliveredOnceAndSigned()
    {
        // Not configured, the body limit is what one table row holds.
        Assert.Equal(TableWebhookStore.MaxEventBytes, _hub.Services.GetRequiredService<IOptions<WebhookHubOptions>>().Value.MaxBodyBytes);
        var tenant = await _hub.CreateTenantAsync();
        var github = await tenant.CreateSourceAsync("github", [GitHubEvents[0].Secret]);
        var (subscriptionId, secret) = await tenant.CreateSubscriptionAsync(_receiver.UrlFor("all"));
        _receiver.Expect("all", secret);

        var eventIds = new List<string>();
        foreach (var vector in GitHubEvents.Take(3))
        {
            using var response = await IngestClient.PostAsync(_hub.Client, github, vector.Body, vector.Headers);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            eventIds.Add(IngestClient.Problem(response).GetProperty("eventId").GetString()!);
        }

        using (var duplicate = await IngestClient.PostAsync(_hub.Client, github, GitHubEvents[0].Body, GitHubEvents[0].Headers))
        {
            Assert.True(IngestClient.Problem(duplicate).GetProperty("duplicate").GetBoolean());
        }

        var forged = GitHubEvents[1].Body.Replace("\"action\"", "\"actiom\"");
        using (var rejected = await IngestClient.PostAsync(_hub.Client, github, forged, GitHubEvents[1].Headers))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        }

        await TaskTimeouts.Eventually(() => Task.FromResult(_receiver.Received.Count >= 3), "three deliveries arrive");
        await TaskTimeouts.Eventually(
            async () => (await tenant.ListAsync("/api/deliveries?status=succeeded")).Count == 3, "three deliveries are recorded as succeeded");

        Assert.All(_receiver.Received, r => Assert.True(r.SignatureValid));
        Assert.Equal(eventIds.Order(), _receiver.Received.Select(r => r.WebhookId).Order());
        Assert.Equal(3, _receiver.Received.Select(r => r.DeliveryId).Distinct().Count());

        // One event message per stored event, keyed by event ID for duplicate detection, carrying the tenant and the trace.
        var eventSends = Sends("events");
        Assert.Equal(eventIds.Order(), eventSends.Select(s => s.MessageId).Order());
        Assert.All(eventSends, s => Assert.Equal(tenant.Id, s.Body.GetProperty("tenantId").GetString()));
        var deliverySends = Sends("deliveries");
        Assert.Equal(3, deliverySends.Count);
        Assert.All(deliverySends, s => Assert.StartsWith(s.Body.GetProperty("deliveryId").GetString() + "@", s.MessageId));
        // Every message is completed once its outcome is recorded (the recording comes first, so wait for the completion).
        await TaskTimeouts.Eventually(
            () => Task.FromResult(_bus.Messages("events/subscriptions/dispatch").Count == 0 && _bus.Messages("deliveries").Count == 0), "every message is completed");
        Assert.Empty(_bus.DeadLetters);

        // Stored in Table Storage: readable through the API with its attempts.
        var delivery = (await tenant.ListAsync($"/api/deliveries?subscriptionId={subscriptionId}"))[0]!;
        var attempts = await tenant.GetJsonAsync($"/api/deliveries/{delivery["id"]}");
        Assert.Equal(200, attempts["attempts"]![0]!["statusCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task FailedAttempt_RetryIsAScheduledMessageForTheNextAttempt()
    {
        var tenant = await _hub.CreateTenantAsync();
        var github = await tenant.CreateSourceAsync("github", [GitHubEvents[0].Secret]);
        var (_, secret) = await tenant.CreateSubscriptionAsync(_receiver.UrlFor("down"));
        _receiver.Expect("down", secret);
        _receiver.Respond = (_, _) => Task.FromResult(Microsoft.AspNetCore.Http.Results.StatusCode(503));

        using var response = await IngestClient.PostAsync(_hub.Client, github, GitHubEvents[0].Body, GitHubEvents[0].Headers);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await TaskTimeouts.Eventually(async () => (await tenant.ListAsync("/api/deliveries?status=failed")).Count == 1, "the first attempt fails");
        var failed = (await tenant.ListAsync("/api/deliveries?status=failed"))[0]!;
        var nextAttemptAt = failed["nextAttemptAt"]!.GetValue<DateTimeOffset>();
        // The attempt's own message is completed after the retry is scheduled: then the queue holds the retry alone.
        await TaskTimeouts.Eventually(
            () => Task.FromResult(_bus.Messages("deliveries") is [{ State: FakeMessageState.Scheduled }]), "the retry is the only message, scheduled");

        var retry = Assert.Single(_bus.Messages("deliveries"));
        // Scheduled for the next attempt (the wire format has whole seconds, rounded up so it is never early).
        Assert.InRange(retry.ScheduledEnqueueTime!.Value - nextAttemptAt, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.Equal($"{failed["id"]}@{nextAttemptAt.ToUnixTimeMilliseconds()}", retry.MessageId);
        Assert.Single(_receiver.Received);
    }

    private List<(string MessageId, JsonElement Body)> Sends(string entity)
    {
        var sends = new List<(string, JsonElement)>();
        foreach (var request in _bus.Requests.Where(r => r.Method == "POST" && r.Path.TrimStart('/') == entity + "/messages"))
        {
            if (request.Headers.TryGetValue("Content-Type", out var type) && type.StartsWith("application/vnd.microsoft.servicebus.json", StringComparison.Ordinal))
            {
                foreach (var item in JsonDocument.Parse(request.Body).RootElement.EnumerateArray())
                {
                    sends.Add((item.GetProperty("BrokerProperties").GetProperty("MessageId").GetString()!, JsonDocument.Parse(item.GetProperty("Body").GetString()!).RootElement.Clone()));
                }
            }
            else
            {
                var broker = JsonDocument.Parse(request.Headers["BrokerProperties"]).RootElement;
                sends.Add((broker.GetProperty("MessageId").GetString()!, JsonDocument.Parse(request.Body).RootElement.Clone()));
            }
        }

        return sends;
    }
}
