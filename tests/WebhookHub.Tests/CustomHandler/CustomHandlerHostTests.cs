using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WebhookHub.Delivery;
using WebhookHub.Functions;
using WebhookHub.Ingestion;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.CustomHandler;

/// <summary>
/// The app as the Functions host starts it (<c>FUNCTIONS_CUSTOMHANDLER_PORT</c> set, workers off as in Azure), with the
/// invocation payloads the host sends for the <c>dispatch</c> and <c>deliver</c> Service Bus triggers replayed against it.
/// </summary>
public sealed class CustomHandlerHostTests : IAsyncLifetime
{
    private readonly int _port = InvocationPayloads.FreePort();
    private HubHost _hub = null!;
    private ProgrammableReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _receiver = await ProgrammableReceiver.StartAsync();
        _hub = await HubHost.StartAsync((TimeProvider?)null, null, $"--FUNCTIONS_CUSTOMHANDLER_PORT={_port}", "--WebhookHub:RunWorkers=false");
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Start_CustomHandlerPortSet_ListensOnLoopbackPortAndAnswersRoot()
    {
        Assert.Equal(new Uri($"http://127.0.0.1:{_port}/"), _hub.Client.BaseAddress);

        using var response = await _hub.Client.GetAsync("/").DefaultTimeout();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Build_CustomHandlerPortInvalid_FailsWithClearMessage()
    {
        var error = Assert.Throws<InvalidOperationException>(() => WebhookHubApp.Build(["--FUNCTIONS_CUSTOMHANDLER_PORT=http"]));

        Assert.Equal("FUNCTIONS_CUSTOMHANDLER_PORT must be a port number from 1 to 65535; got 'http'.", error.Message);
    }

    [Fact]
    public async Task DispatchThenDeliver_DoubleEncodedMessages_DeliversOnceAndIsIdempotent()
    {
        var (tenant, eventId) = await StoreEventAsync();
        var (subscriptionId, secret) = await tenant.CreateSubscriptionAsync(_receiver.UrlFor("hook"));
        _receiver.Expect("hook", secret);

        var dispatch = await InvokeAsync("dispatch", InvocationPayloads.AsDoubleEncodedString(new JsonObject { ["tenantId"] = tenant.Id, ["eventId"] = eventId }));
        var again = await InvokeAsync("dispatch", new JsonObject { ["tenantId"] = tenant.Id, ["eventId"] = eventId }, deliveryCount: 2);

        var deliveryId = Assert.Single(dispatch["ReturnValue"]!["deliveryIds"]!.AsArray())!.GetValue<string>();
        Assert.Equal(deliveryId, Assert.Single(again["ReturnValue"]!["deliveryIds"]!.AsArray())!.GetValue<string>());
        Assert.Single(await tenant.ListAsync("/api/deliveries"));

        var deliver = await InvokeAsync("deliver", InvocationPayloads.AsString(new JsonObject { ["tenantId"] = tenant.Id, ["deliveryId"] = deliveryId }));
        var redelivered = await InvokeAsync("deliver", new JsonObject { ["tenantId"] = tenant.Id, ["deliveryId"] = deliveryId }, deliveryCount: 2);

        Assert.Equal("attempted", deliver["ReturnValue"]!["outcome"]!.GetValue<string>());
        Assert.Equal("succeeded", deliver["ReturnValue"]!["status"]!.GetValue<string>());
        Assert.Equal(200, deliver["ReturnValue"]!["statusCode"]!.GetValue<int>());
        Assert.Equal("already_final", redelivered["ReturnValue"]!["outcome"]!.GetValue<string>());
        var received = Assert.Single(_receiver.RequestsTo("hook"));
        Assert.True(received.SignatureValid);
        Assert.Equal(deliveryId, received.DeliveryId);
        Assert.Equal(subscriptionId, (await tenant.GetJsonAsync($"/api/deliveries/{deliveryId}"))["subscriptionId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deliver_EndpointFails_RecordsRetryAndAnswers200WithoutUrlInLogs()
    {
        var (tenant, eventId) = await StoreEventAsync();
        var (_, secret) = await tenant.CreateSubscriptionAsync(_receiver.UrlFor("down?token=s3cr3t"));
        _receiver.Expect("down", secret).Program("down", ReceiverBehavior.ServerError(503));
        var dispatch = await InvokeAsync("dispatch", new JsonObject { ["tenantId"] = tenant.Id, ["eventId"] = eventId });
        var deliveryId = dispatch["ReturnValue"]!["deliveryIds"]![0]!.GetValue<string>();

        var (status, body) = await PostAsync("deliver", new JsonObject { ["tenantId"] = tenant.Id, ["deliveryId"] = deliveryId });
        var early = await InvokeAsync("deliver", new JsonObject { ["tenantId"] = tenant.Id, ["deliveryId"] = deliveryId }, deliveryCount: 2);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("failed", body["ReturnValue"]!["status"]!.GetValue<string>());
        Assert.NotNull(body["ReturnValue"]!["nextAttemptAt"]);
        Assert.Contains("HTTP 503", body["Logs"]![0]!.GetValue<string>());
        Assert.DoesNotContain("s3cr3t", body.ToJsonString());
        Assert.DoesNotContain("127.0.0.1", body.ToJsonString());
        Assert.Equal("not_due", early["ReturnValue"]!["outcome"]!.GetValue<string>());
        Assert.Single(_receiver.RequestsTo("down"));
    }

    [Theory]
    [InlineData("dispatch", "eventId", "evt_missing", HttpStatusCode.NotFound)]
    [InlineData("deliver", "deliveryId", "dlv_missing", HttpStatusCode.NotFound)]
    public async Task Invoke_UnknownId_NonSuccessSoServiceBusRetries(string function, string property, string id, HttpStatusCode expected)
    {
        var tenant = await _hub.CreateTenantAsync();
        var (status, body) = await PostAsync(function, new JsonObject { ["tenantId"] = tenant.Id, [property] = id });

        Assert.Equal(expected, status);
        Assert.Contains(id, body["Logs"]![0]!.GetValue<string>());
        Assert.Null(body["ReturnValue"]);
    }

    [Theory]
    [InlineData("dispatch", "{\"Data\":{\"message\":\"{\\\"tenantId\\\":\\\"ten_1\\\",\\\"deliveryId\\\":\\\"x\\\"}\"}}", "dispatch: message has no \"eventId\" string")]
    [InlineData("deliver", "{\"Data\":{\"message\":42}}", "deliver: message is a JSON number, not an object")]
    [InlineData("deliver", "not json", "deliver: invocation body is not JSON")]
    public async Task Invoke_MalformedMessage_400WithReason(string function, string body, string expectedLog)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _hub.Client.PostAsync("/" + function, content).DefaultTimeout();
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(expectedLog, json["Logs"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Deliver_LeasedByAnotherConsumer_409()
    {
        var (tenant, eventId) = await StoreEventAsync();
        await tenant.CreateSubscriptionAsync(_receiver.UrlFor("hook"));
        var dispatch = await InvokeAsync("dispatch", new JsonObject { ["tenantId"] = tenant.Id, ["eventId"] = eventId });
        var deliveryId = dispatch["ReturnValue"]!["deliveryIds"]![0]!.GetValue<string>();
        var store = _hub.Services.GetRequiredService<IDeliveryStore>();
        Assert.Equal(ClaimByIdOutcome.Claimed, (await store.ClaimByIdAsync(tenant.Id, deliveryId, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1))).Outcome);

        var (status, _) = await PostAsync("deliver", new JsonObject { ["tenantId"] = tenant.Id, ["deliveryId"] = deliveryId });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Empty(_receiver.RequestsTo("hook"));
    }

    private async Task<(TestTenant Tenant, string EventId)> StoreEventAsync()
    {
        var tenant = await _hub.CreateTenantAsync();
        var webhookEvent = new WebhookEvent(
            EventIds.ForEvent("src_x", "evt_provider_1"), tenant.Id, "src_x", "evt_provider_1", "invoice.paid", "application/json",
            "{\"id\":\"evt_provider_1\"}"u8.ToArray(), DateTimeOffset.UtcNow);
        Assert.True(await _hub.Services.GetRequiredService<IEventStore>().AppendAsync(webhookEvent).DefaultTimeout());
        return (tenant, webhookEvent.Id);
    }

    private async Task<JsonNode> InvokeAsync(string function, JsonNode message, int deliveryCount = 1)
    {
        var (status, body) = await PostAsync(function, message, deliveryCount);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    private async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(string function, JsonNode message, int deliveryCount = 1)
    {
        using var content = new StringContent(InvocationPayloads.ServiceBus(message, deliveryCount), Encoding.UTF8, "application/json");
        using var response = await _hub.Client.PostAsync("/" + function, content).DefaultTimeout();
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonNode>().DefaultTimeout())!);
    }
}
