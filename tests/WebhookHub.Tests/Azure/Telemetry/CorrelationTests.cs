using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.Extensions.DependencyInjection;
using WebhookHub.Ingestion;
using WebhookHub.Tests.CustomHandler;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Azure.Telemetry;

/// <summary>
/// The app as the Functions host runs it, with Application Insights on: <c>dispatch</c> and <c>deliver</c> invocations whose
/// Service Bus metadata carries a <c>Diagnostic-Id</c> continue that trace, and the delivery's HTTP call is their child.
/// </summary>
public sealed class CorrelationTests : IAsyncLifetime
{
    private readonly RecordingTelemetryChannel _channel = new();
    private readonly int _port = InvocationPayloads.FreePort();
    private HubHost _hub = null!;
    private ProgrammableReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _receiver = await ProgrammableReceiver.StartAsync();
        _hub = await TelemetryHub.StartAsync(_channel, $"--FUNCTIONS_CUSTOMHANDLER_PORT={_port}", "--WebhookHub:RunWorkers=false");
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    /// <summary>A Service Bus invocation whose application properties hold <paramref name="properties"/>.</summary>
    private async Task<(HttpStatusCode Status, JsonNode Body)> InvokeAsync(string function, JsonObject message, JsonObject properties)
    {
        var invocation = new JsonObject
        {
            ["Data"] = new JsonObject { ["message"] = message.ToJsonString() },
            ["Metadata"] = new JsonObject
            {
                ["MessageId"] = Guid.NewGuid().ToString(),
                ["DeliveryCount"] = 1,
                ["EnqueuedTimeUtc"] = "2026-11-21T12:00:00Z",
                ["ApplicationProperties"] = properties,
            },
        };
        using var content = new StringContent(invocation.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _hub.Client.PostAsync("/" + function, content).DefaultTimeout();
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonNode>().DefaultTimeout())!);
    }

    private async Task<(TestTenant Tenant, string EventId)> StoreEventAsync()
    {
        var tenant = await _hub.CreateTenantAsync();
        var webhookEvent = new WebhookEvent(
            EventIds.ForEvent("src_corr", "evt_corr_1"), tenant.Id, "src_corr", "evt_corr_1", "invoice.paid", "application/json",
            "{\"id\":\"evt_corr_1\"}"u8.ToArray(), DateTimeOffset.UtcNow);
        Assert.True(await _hub.Services.GetRequiredService<IEventStore>().AppendAsync(webhookEvent).DefaultTimeout());
        return (tenant, webhookEvent.Id);
    }

    [Fact]
    public async Task DispatchAndDeliver_DiagnosticIdInMetadata_TelemetryContinuesThatTrace()
    {
        var (tenant, eventId) = await StoreEventAsync();
        var (_, secret) = await tenant.CreateSubscriptionAsync(_receiver.UrlFor("hook/path-secret?token=dep-token"));
        _receiver.Expect("hook/path-secret", secret);
        var traceId = ActivityTraceId.CreateRandom();
        var parentSpan = ActivitySpanId.CreateRandom();
        var traceparent = $"00-{traceId.ToHexString()}-{parentSpan.ToHexString()}-01";

        var (dispatchStatus, dispatch) = await InvokeAsync("dispatch",
            new JsonObject { ["tenantId"] = tenant.Id, ["eventId"] = eventId }, new JsonObject { ["Diagnostic-Id"] = traceparent });
        var deliveryId = dispatch["ReturnValue"]!["deliveryIds"]![0]!.GetValue<string>();
        var (deliverStatus, _) = await InvokeAsync("deliver",
            new JsonObject { ["tenantId"] = tenant.Id, ["deliveryId"] = deliveryId }, new JsonObject { ["diagnostic-id"] = traceparent });
        _hub.Flush();

        Assert.Equal(HttpStatusCode.OK, dispatchStatus);
        Assert.Equal(HttpStatusCode.OK, deliverStatus);
        var operation = traceId.ToHexString();
        var dispatched = Assert.Single(_channel.OfType<RequestTelemetry>(), r => r.Name == "Process dispatch" && r.Context.Operation.Id == operation);
        var delivered = Assert.Single(_channel.OfType<RequestTelemetry>(), r => r.Name == "Process deliver" && r.Context.Operation.Id == operation);
        Assert.Equal(parentSpan.ToHexString(), dispatched.Context.Operation.ParentId);
        Assert.Equal(parentSpan.ToHexString(), delivered.Context.Operation.ParentId);
        Assert.Equal(tenant.Id, delivered.Properties["tenant"]);
        Assert.Equal("200", delivered.ResponseCode);
        Assert.True(delivered.Success);
        Assert.Contains("_MS.links", delivered.Properties.Keys);

        var call = Assert.Single(_channel.OfType<DependencyTelemetry>(), d => d.Context.Operation.Id == operation && d.Type.StartsWith("Http", StringComparison.Ordinal));
        Assert.Equal(delivered.Id, call.Context.Operation.ParentId);
        Assert.Equal(new Uri(_receiver.BaseUrl).GetLeftPart(UriPartial.Authority), call.Data);
        Assert.Equal("POST /", call.Name);
        Assert.DoesNotContain(_channel.Items, item => RequestTelemetryTests.Describe(item).Contains("dep-token", StringComparison.Ordinal)
            || RequestTelemetryTests.Describe(item).Contains("path-secret", StringComparison.Ordinal));

        var received = Assert.Single(_receiver.RequestsTo("hook/path-secret"));
        Assert.True(received.SignatureValid);
        Assert.False(received.Headers.ContainsKey("request-context"), string.Join(", ", received.Headers.Keys));
        Assert.False(received.Headers.ContainsKey("request-id"), string.Join(", ", received.Headers.Keys));
        Assert.Equal(delivered.Context.Operation.Id, received.Headers["traceparent"].Split('-')[1]);

        var attempts = Assert.Single(_channel.OfType<MetricTelemetry>(), m => m.Name == "webhookhub.delivery.attempts" && m.Properties["tenant"] == tenant.Id);
        Assert.Equal("succeeded", attempts.Properties["outcome"]);
        Assert.Equal(1, attempts.Sum);
        var latency = Assert.Single(_channel.OfType<MetricTelemetry>(), m => m.Name == "webhookhub.delivery.duration" && m.Properties["tenant"] == tenant.Id);
        Assert.Equal("succeeded", latency.Properties["outcome"]);
        Assert.Equal(1, latency.Count);
    }

    [Fact]
    public async Task Deliver_UnknownDelivery_ConsumerRequestFailedWith404()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var traceparent = $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";

        var (status, _) = await InvokeAsync("deliver",
            new JsonObject { ["tenantId"] = "ten_x", ["deliveryId"] = "dlv_missing" }, new JsonObject { ["Diagnostic-Id"] = traceparent });

        Assert.Equal(HttpStatusCode.NotFound, status);
        var consumer = Assert.Single(_channel.OfType<RequestTelemetry>(), r => r.Name == "Process deliver" && r.Context.Operation.Id == traceId.ToHexString());
        Assert.Equal("404", consumer.ResponseCode);
        Assert.False(consumer.Success);
        Assert.Equal("ten_x", consumer.Properties["tenant"]);
    }
}
