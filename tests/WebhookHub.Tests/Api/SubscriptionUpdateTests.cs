using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Api;

/// <summary><c>GET</c> and <c>PATCH /api/subscriptions/{id}</c>: partial updates, validation, and tenant isolation.</summary>
public sealed class SubscriptionUpdateTests : IAsyncLifetime
{
    private HubHost _hub = null!;

    public async Task InitializeAsync() => _hub = await HubHost.StartAsync();

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Patch_SomeFields_OthersKept()
    {
        var tenant = await _hub.CreateTenantAsync();
        var (id, _) = await tenant.CreateSubscriptionAsync("https://example.com/a", ["invoice.*"]);

        using var patched = await tenant.SendAsync(HttpMethod.Patch, $"/api/subscriptions/{id}", new { url = "https://example.com/b", active = false });
        var stored = await tenant.GetJsonAsync($"/api/subscriptions/{id}");

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal("https://example.com/b", stored["url"]!.GetValue<string>());
        Assert.False(stored["active"]!.GetValue<bool>());
        Assert.Equal("invoice.*", stored["eventTypes"]![0]!.GetValue<string>());
        Assert.Null(stored["secret"]);
        Assert.NotNull(stored["settings"]);
        Assert.NotNull(stored["health"]);
    }

    [Theory]
    [InlineData("{\"url\":\"ftp://example.com\"}", "url")]
    [InlineData("{\"eventTypes\":[\"in*valid\"]}", "eventTypes")]
    [InlineData("{\"sourceIds\":[\"src_nope\"]}", "sourceIds")]
    public async Task Patch_Invalid_400WithFieldAndNothingChanged(string body, string field)
    {
        var tenant = await _hub.CreateTenantAsync();
        var (id, _) = await tenant.CreateSubscriptionAsync("https://example.com/a");
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/subscriptions/{id}") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", tenant.ApiKey);

        using var response = await _hub.Client.SendAsync(request).DefaultTimeout();
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(problem!["errors"]![field]);
        Assert.Equal("https://example.com/a", (await tenant.GetJsonAsync($"/api/subscriptions/{id}"))["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetAndPatch_OtherTenantsSubscription_404()
    {
        var owner = await _hub.CreateTenantAsync("owner");
        var other = await _hub.CreateTenantAsync("other");
        var (id, _) = await owner.CreateSubscriptionAsync("https://example.com/a");

        using var get = await other.SendAsync(HttpMethod.Get, $"/api/subscriptions/{id}");
        using var patch = await other.SendAsync(HttpMethod.Patch, $"/api/subscriptions/{id}", new { active = false });

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
        Assert.True((await owner.GetJsonAsync($"/api/subscriptions/{id}"))["active"]!.GetValue<bool>());
    }
}
