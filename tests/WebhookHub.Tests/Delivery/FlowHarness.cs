using System.Net;
using System.Text.Json.Nodes;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Delivery;

/// <summary>
/// A tenant with a <c>token</c> source whose events take their ID and type from the body, so tests can ingest any number of
/// distinct events, and helpers to subscribe (with settings) and to read deliveries and events back.
/// </summary>
public sealed class FlowTenant(TestTenant tenant, string sourceId, string token)
{
    private int _next;

    public TestTenant Api { get; } = tenant;

    public string SourceId { get; } = sourceId;

    public static async Task<FlowTenant> CreateAsync(HubHost hub, string name)
    {
        var tenant = await hub.CreateTenantAsync(name);
        var token = "token-" + Guid.NewGuid().ToString("n");
        var source = await tenant.CreateSourceAsync("token", [token], new { idPointer = "/id", typePointer = "/type" });
        return new FlowTenant(tenant, source, token);
    }

    /// <summary>Subscribes <paramref name="path"/> of <paramref name="receiver"/> and tells the receiver its secret.</summary>
    public async Task<string> SubscribeAsync(SignedReceiver receiver, string path, string[] eventTypes, object? settings = null)
    {
        using var response = await Api.SendAsync(HttpMethod.Post, "/api/subscriptions", new { url = receiver.UrlFor(path), eventTypes, settings });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var json = JsonNode.Parse(body)!;
        receiver.Expect(path, json["secret"]!.GetValue<string>());
        return json["id"]!.GetValue<string>();
    }

    /// <summary>Ingests a new event of <paramref name="type"/>; returns its event ID.</summary>
    public async Task<string> IngestAsync(string type = "invoice.paid")
    {
        var id = $"{SourceId}-{Interlocked.Increment(ref _next)}";
        var body = $$"""{"id":"{{id}}","type":"{{type}}"}""";
        using var response = await IngestClient.PostAsync(Api.Host.Client, SourceId, body, new Dictionary<string, string> { ["Authorization"] = token });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return IngestClient.Problem(response).GetProperty("eventId").GetString()!;
    }

    public async Task<List<JsonNode>> DeliveriesAsync(string subscriptionId) =>
        (await Api.ListAsync("/api/deliveries?limit=1000")).Select(d => d!).Where(d => d["subscriptionId"]!.GetValue<string>() == subscriptionId).ToList();

    public Task<JsonNode> SubscriptionAsync(string subscriptionId) => Api.GetJsonAsync($"/api/subscriptions/{subscriptionId}");

    public async Task<List<string>> EventTypesAsync() =>
        (await Api.ListAsync("/api/events?limit=1000")).Select(e => e!["eventType"]?.GetValue<string>() ?? "").ToList();
}

/// <summary>Reads fields of a delivery as the API shows it.</summary>
public static class DeliveryJson
{
    public static string Status(this JsonNode delivery) => delivery["status"]!.GetValue<string>();

    public static int Attempts(this JsonNode delivery) => delivery["attemptCount"]!.GetValue<int>();
}
