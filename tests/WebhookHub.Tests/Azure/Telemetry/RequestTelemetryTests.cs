using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.ApplicationInsights.DataContracts;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Azure.Telemetry;

/// <summary>Requests through the real app with Application Insights on: one request item each, named by route template.</summary>
public sealed class RequestTelemetryTests : IAsyncLifetime
{
    private readonly RecordingTelemetryChannel _channel = new();
    private HubHost _hub = null!;
    private TestTenant _tenant = null!;

    public async Task InitializeAsync()
    {
        _hub = await TelemetryHub.StartAsync(_channel);
        _tenant = await _hub.CreateTenantAsync();
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private async Task<HttpStatusCode> PostGitHubAsync(string path, string secret)
    {
        var body = $"{{\"action\":\"opened\",\"id\":\"{Guid.NewGuid():n}\"}}";
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Hub-Signature-256", signature);
        request.Headers.Add("X-GitHub-Event", "issues");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        using var response = await _hub.Client.SendAsync(request).DefaultTimeout();
        return response.StatusCode;
    }

    [Fact]
    public async Task Ingest_VerifiedWebhook_RequestNamedByRouteTemplateTaggedWithTenantAndSource()
    {
        var sourceId = await _tenant.CreateSourceAsync("github", ["gh-telemetry-secret"]);

        Assert.Equal(HttpStatusCode.OK, await PostGitHubAsync($"/api/webhooks/{sourceId}?token=query-token-XYZ", "gh-telemetry-secret"));

        var request = Assert.Single(_channel.OfType<RequestTelemetry>(), r => r.Properties.TryGetValue("source", out var s) && s == sourceId);
        Assert.Equal("POST /api/webhooks/{sourceId}", request.Name);
        Assert.Equal("200", request.ResponseCode);
        Assert.True(request.Success);
        Assert.Equal(_tenant.Id, request.Properties["tenant"]);
        Assert.Null(request.Url);
        Assert.Equal("WebhookHub", request.Context.Cloud.RoleName);
        Assert.Equal(32, request.Context.Operation.Id.Length);
        Assert.Equal(16, request.Id.Length);
        Assert.DoesNotContain(_channel.Items, item => Describe(item).Contains("query-token-XYZ", StringComparison.Ordinal));
        Assert.DoesNotContain(_channel.OfType<RequestTelemetry>(), r => r.Name.Contains(sourceId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ingest_BadSignature_FailedRequest401()
    {
        var sourceId = await _tenant.CreateSourceAsync("github", ["gh-telemetry-secret"]);

        Assert.Equal(HttpStatusCode.Unauthorized, await PostGitHubAsync($"/api/webhooks/{sourceId}", "not-the-secret"));

        var request = Assert.Single(_channel.OfType<RequestTelemetry>(), r => r.Properties.TryGetValue("source", out var s) && s == sourceId);
        Assert.Equal("401", request.ResponseCode);
        Assert.False(request.Success);
    }

    [Fact]
    public async Task ManagementApi_GroupRoute_TemplateWithParametersAndTenant()
    {
        var sourceId = await _tenant.CreateSourceAsync("github", ["gh-telemetry-secret"]);

        using var response = await _tenant.SendAsync(HttpMethod.Post, $"/api/sources/{sourceId}/secrets", new { secret = "gh-second-secret" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var request = Assert.Single(_channel.OfType<RequestTelemetry>(),
            r => r.Name == "POST /api/sources/{id}/secrets" && r.Properties.TryGetValue("tenant", out var t) && t == _tenant.Id);
        Assert.Equal("201", request.ResponseCode);
        Assert.DoesNotContain(_channel.Items, item => Describe(item).Contains("gh-second-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownPath_NamedWithoutThePath()
    {
        var marker = Guid.NewGuid().ToString("n");

        using var response = await _hub.Client.GetAsync($"/no/such/{marker}").DefaultTimeout();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(_channel.OfType<RequestTelemetry>(), r => r.Name == "GET (no route)" && r.ResponseCode == "404");
        Assert.DoesNotContain(_channel.Items, item => Describe(item).Contains(marker, StringComparison.Ordinal));
    }

    /// <summary>Everything an item would send that could hold a path or a value: name, URL, data, properties.</summary>
    internal static string Describe(Microsoft.ApplicationInsights.Channel.ITelemetry item) => item switch
    {
        RequestTelemetry r => $"{r.Name} {r.Url} {string.Join(",", r.Properties)}",
        DependencyTelemetry d => $"{d.Name} {d.Data} {d.Target} {string.Join(",", d.Properties)}",
        TraceTelemetry t => $"{t.Message} {string.Join(",", t.Properties)}",
        ExceptionTelemetry e => $"{e.Message} {e.Exception} {string.Join(",", e.Properties)}",
        ISupportProperties p => string.Join(",", p.Properties),
        _ => item.ToString() ?? "",
    };
}
