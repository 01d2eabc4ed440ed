using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.ApplicationInsights.DataContracts;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Azure.Telemetry;

/// <summary>The app's <c>Meter("WebhookHub")</c> measurements as Application Insights custom metrics with a tenant dimension.</summary>
public sealed class MetricsTelemetryTests : IAsyncLifetime
{
    private readonly RecordingTelemetryChannel _channel = new();
    private HubHost _hub = null!;
    private TestTenant _tenant = null!;
    private string _source = null!;

    public async Task InitializeAsync()
    {
        _hub = await TelemetryHub.StartAsync(_channel);
        _tenant = await _hub.CreateTenantAsync();
        _source = await _tenant.CreateSourceAsync("github", ["gh-metrics-secret"]);
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private async Task<HttpStatusCode> PostAsync(string sourceId, string secret, string deliveryId)
    {
        const string body = "{\"action\":\"opened\"}";
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
        using var response = await IngestClient.PostAsync(_hub.Client, sourceId, body, new Dictionary<string, string>
        {
            ["X-Hub-Signature-256"] = signature,
            ["X-GitHub-Event"] = "issues",
            ["X-GitHub-Delivery"] = deliveryId,
        });
        return response.StatusCode;
    }

    private MetricTelemetry Metric(string name, string tenant) =>
        Assert.Single(_channel.OfType<MetricTelemetry>(), m => m.Name == name && m.Properties.TryGetValue("tenant", out var t) && t == tenant);

    [Fact]
    public async Task VerifiedWebhookAndRepeat_ReceivedAndDuplicatesPerTenant()
    {
        var delivery = Guid.NewGuid().ToString();

        Assert.Equal(HttpStatusCode.OK, await PostAsync(_source, "gh-metrics-secret", delivery));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(_source, "gh-metrics-secret", delivery));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(_source, "gh-metrics-secret", Guid.NewGuid().ToString()));
        _hub.Flush();

        var received = _channel.OfType<MetricTelemetry>()
            .Where(m => m.Name == "webhookhub.events.received" && m.Properties["tenant"] == _tenant.Id)
            .ToDictionary(m => m.Properties["duplicate"]);
        Assert.Equal(["false", "true"], received.Keys.Order());
        Assert.Equal(2, received["false"].Sum);
        Assert.Equal(1, received["true"].Sum);
        Assert.Equal("github", received["false"].Properties["provider"]);
    }

    [Fact]
    public async Task RejectedWebhooks_RejectedWithReason_UnknownTenantAsNone()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(_source, "wrong-secret", Guid.NewGuid().ToString()));
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync("src_doesnotexist", "wrong-secret", Guid.NewGuid().ToString()));
        _hub.Flush();

        var badSignature = Metric("webhookhub.events.rejected", _tenant.Id);
        Assert.Equal("InvalidSignature", badSignature.Properties["reason"]);
        Assert.Equal(1, badSignature.Sum);
        Assert.Contains(_channel.OfType<MetricTelemetry>(), m =>
            m.Name == "webhookhub.events.rejected" && m.Properties["tenant"] == "none" && m.Properties["reason"] == "unknown_source");
        Assert.DoesNotContain(_channel.OfType<MetricTelemetry>(), m => m.Name == "webhookhub.events.received" && m.Properties["tenant"] == _tenant.Id);
    }
}
