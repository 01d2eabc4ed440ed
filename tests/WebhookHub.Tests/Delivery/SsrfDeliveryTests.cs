using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WebhookHub.Tenancy;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Delivery;

/// <summary>The SSRF guard and https-only rule inside the running host: refused deliveries fail with a reason and reach nobody.</summary>
public sealed class SsrfDeliveryTests
{
    private static readonly Vector GitHub = Vectors.Load("github.json")[1];

    [Fact]
    public async Task Deliver_HostResolvingToLoopbackNotAllowed_FailsBlockedAndReachesNobody()
    {
        await using var receiver = await SignedReceiver.StartAsync();
        // Replaces HubHost's loopback entry: the allow-list no longer admits this host's receiver.
        await using var hub = await HubHost.StartAsync(extraArgs: "--WebhookHub:Delivery:AllowedNetworks:0=10.99.0.0/16");
        var tenant = await hub.CreateTenantAsync();
        var source = await tenant.CreateSourceAsync("github", [GitHub.Secret]);
        var port = new Uri(receiver.BaseUrl).Port;
        await tenant.CreateSubscriptionAsync($"http://localhost:{port}/hook"); // a name: checked only when connecting

        await IngestAsync(hub, source);
        var delivery = await WaitForFailedDeliveryAsync(tenant);

        Assert.StartsWith("blocked by SSRF guard: 'localhost' resolves only to blocked addresses (loopback", delivery["lastError"]!.GetValue<string>());
        Assert.Null(delivery["lastStatusCode"]);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task Deliver_StoredHttpUrlWhenHttpsRequired_FailsWithoutConnecting()
    {
        await using var receiver = await SignedReceiver.StartAsync();
        await using var hub = await HubHost.StartAsync(extraArgs: "--WebhookHub:Delivery:RequireHttps=true");
        var tenant = await hub.CreateTenantAsync();
        var source = await tenant.CreateSourceAsync("github", [GitHub.Secret]);
        // Stored before the operator turned RequireHttps on: the API would now refuse it.
        await hub.Services.GetRequiredService<ITenantStore>().CreateSubscriptionAsync(new Subscription(
            ApiKeys.NewId("sub"), tenant.Id, receiver.UrlFor("hook"), ["*"], [], ApiKeys.CreateSigningSecret(), true, DateTimeOffset.UtcNow));

        await IngestAsync(hub, source);
        var delivery = await WaitForFailedDeliveryAsync(tenant);

        Assert.Equal("blocked by SSRF guard: '127.0.0.1' is reached over http, but this WebhookHub delivers over https only.",
            delivery["lastError"]!.GetValue<string>());
        Assert.Empty(receiver.Received);
    }

    private static async Task IngestAsync(HubHost hub, string source)
    {
        using var response = await IngestClient.PostAsync(hub.Client, source, GitHub.Body, GitHub.Headers);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<JsonNode> WaitForFailedDeliveryAsync(TestTenant tenant)
    {
        JsonNode? found = null;
        await TaskTimeouts.Eventually(async () =>
        {
            var list = await tenant.ListAsync("/api/deliveries");
            found = list.Count == 1 ? list[0] : null;
            return found?["attemptCount"]!.GetValue<int>() >= 1;
        }, "the first attempt was recorded");
        return found!;
    }
}
