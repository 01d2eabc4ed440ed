using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Delivery;

/// <summary>The rate-limit and concurrency settings of a subscription through the API: stored, shown, and validated.</summary>
public sealed class RateLimitSettingsApiTests : IAsyncLifetime
{
    private HubHost _hub = null!;

    public async Task InitializeAsync() => _hub = await HubHost.StartAsync();

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task CreateAndPatch_ValidSettings_StoredAndShown()
    {
        var tenant = await _hub.CreateTenantAsync();
        using var created = await tenant.SendAsync(HttpMethod.Post, "/api/subscriptions",
            new { url = "https://example.com/h", settings = new { rateLimitPerSecond = 2.5, burst = 5, maxConcurrency = 3 } });
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        using var patched = await tenant.SendAsync(HttpMethod.Patch, $"/api/subscriptions/{id}", new { settings = new { maxConcurrency = 1 } });
        var stored = await tenant.GetJsonAsync($"/api/subscriptions/{id}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(1, stored["settings"]!["maxConcurrency"]!.GetValue<int>());
        Assert.Null(stored["settings"]!["rateLimitPerSecond"]);
        Assert.Equal(0, stored["health"]!["consecutiveFailures"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("{\"rateLimitPerSecond\":0}", "settings.rateLimitPerSecond", "rateLimitPerSecond must be from 0.001 to 10000 (attempts per second), or null for no limit.")]
    [InlineData("{\"rateLimitPerSecond\":10001}", "settings.rateLimitPerSecond", "rateLimitPerSecond must be from 0.001 to 10000 (attempts per second), or null for no limit.")]
    [InlineData("{\"rateLimitPerSecond\":1,\"burst\":0}", "settings.burst", "burst must be from 1 to 10000 attempts.")]
    [InlineData("{\"burst\":5}", "settings.burst", "burst needs rateLimitPerSecond.")]
    [InlineData("{\"maxConcurrency\":0}", "settings.maxConcurrency", "maxConcurrency must be from 1 to 1024 attempts in flight.")]
    [InlineData("{\"maxConcurrency\":1025}", "settings.maxConcurrency", "maxConcurrency must be from 1 to 1024 attempts in flight.")]
    public async Task Create_InvalidSettings_400ProblemNamingTheSetting(string settings, string field, string message)
    {
        var tenant = await _hub.CreateTenantAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/subscriptions")
        {
            Content = new StringContent($$"""{"url":"https://example.com/h","settings":{{settings}}}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", tenant.ApiKey);

        using var response = await _hub.Client.SendAsync(request).DefaultTimeout();
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(message, problem!["errors"]![field]![0]!.GetValue<string>());
        Assert.Empty(await tenant.ListAsync("/api/subscriptions"));
    }
}
