using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Api;

/// <summary>Subscription URLs are checked when created or updated: https-only when the operator requires it, and no blocked IP literals.</summary>
public sealed class SubscriptionUrlSafetyTests
{
    [Fact]
    public async Task Create_HttpWhenHttpsRequired_400()
    {
        await using var hub = await HubHost.StartAsync(extraArgs: "--WebhookHub:Delivery:RequireHttps=true");
        var tenant = await hub.CreateTenantAsync();

        using var response = await tenant.SendAsync(HttpMethod.Post, "/api/subscriptions", new { url = "http://example.com/hook" });
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Only https URLs are accepted (WebhookHub:Delivery:RequireHttps is on).", problem!["errors"]!["url"]![0]!.GetValue<string>());
        Assert.Empty(await tenant.ListAsync("/api/subscriptions"));
    }

    [Fact]
    public async Task Patch_ToHttpWhenHttpsRequired_400AndUrlKept()
    {
        await using var hub = await HubHost.StartAsync(extraArgs: "--WebhookHub:Delivery:RequireHttps=true");
        var tenant = await hub.CreateTenantAsync();
        var (id, _) = await tenant.CreateSubscriptionAsync("https://example.com/hook");

        using var response = await tenant.SendAsync(HttpMethod.Patch, $"/api/subscriptions/{id}", new { url = "http://example.com/hook" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("https://example.com/hook", (await tenant.GetJsonAsync($"/api/subscriptions/{id}"))["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_HttpByDefault_Accepted()
    {
        await using var hub = await HubHost.StartAsync();
        var tenant = await hub.CreateTenantAsync();

        var (id, _) = await tenant.CreateSubscriptionAsync("http://example.com/hook");

        Assert.StartsWith("sub_", id);
    }

    [Theory]
    [InlineData("https://10.0.0.1/hook", "private")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("https://[::ffff:169.254.169.254]/hook", "link-local")]
    [InlineData("https://[fd00::1]/hook", "unique-local")]
    [InlineData("https://100.64.1.1/hook", "shared address space (CGNAT)")]
    [InlineData("https://0.0.0.0/hook", "unspecified")]
    public async Task Create_BlockedIPLiteral_400NamingItsKind(string url, string kind)
    {
        await using var hub = await HubHost.StartAsync();
        var tenant = await hub.CreateTenantAsync();

        using var response = await tenant.SendAsync(HttpMethod.Post, "/api/subscriptions", new { url });
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"The host is a {kind} address, which deliveries may not reach.", problem!["errors"]!["url"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateAndPatch_AllowListedLiteral_Accepted_OtherLiteral_400()
    {
        await using var hub = await HubHost.StartAsync();
        var tenant = await hub.CreateTenantAsync();
        var (id, _) = await tenant.CreateSubscriptionAsync("http://127.0.0.1:9/hook"); // HubHost allows 127.0.0.0/8

        using var patch = await tenant.SendAsync(HttpMethod.Patch, $"/api/subscriptions/{id}", new { url = "http://192.168.1.1/hook" });

        Assert.Equal(HttpStatusCode.BadRequest, patch.StatusCode);
        Assert.Equal("http://127.0.0.1:9/hook", (await tenant.GetJsonAsync($"/api/subscriptions/{id}"))["url"]!.GetValue<string>());
    }
}
