using System.Net;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Api;

public sealed class TenantIsolationTests : IAsyncLifetime
{
    private static readonly Vector GitHub = Vectors.Load("github.json")[1];
    private HubHost _hub = null!;
    private SignedReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _hub = await HubHost.StartAsync();
        _receiver = await SignedReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task OtherTenant_SeesNothingAndGets404Everywhere()
    {
        var acme = await _hub.CreateTenantAsync("acme");
        var globex = await _hub.CreateTenantAsync("globex");
        var source = await acme.CreateSourceAsync("github", [GitHub.Secret]);
        var (subscription, secret) = await acme.CreateSubscriptionAsync(_receiver.UrlFor("acme"));
        _receiver.Expect("acme", secret);
        using var ingest = await IngestClient.PostAsync(_hub.Client, source, GitHub.Body, GitHub.Headers);
        var eventId = IngestClient.Problem(ingest).GetProperty("eventId").GetString()!;
        await TaskTimeouts.Eventually(async () => (await acme.ListAsync("/api/deliveries?status=succeeded")).Count == 1, "acme's delivery succeeded");
        var deliveryId = (await acme.ListAsync("/api/deliveries"))[0]!["id"]!.GetValue<string>();

        Assert.Empty(await globex.ListAsync("/api/sources"));
        Assert.Empty(await globex.ListAsync("/api/subscriptions"));
        Assert.Empty(await globex.ListAsync("/api/events"));
        Assert.Empty(await globex.ListAsync("/api/deliveries"));
        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, $"/api/sources/{source}"),
            (HttpMethod.Get, $"/api/events/{eventId}"),
            (HttpMethod.Post, $"/api/events/{eventId}/replay"),
            (HttpMethod.Get, $"/api/deliveries/{deliveryId}"),
            (HttpMethod.Post, $"/api/deliveries/{deliveryId}/replay"),
        })
        {
            using var response = await globex.SendAsync(method, path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path} answered {response.StatusCode}");
        }

        using var foreignFilter = await globex.SendAsync(HttpMethod.Post, "/api/subscriptions", new { url = "https://example.com", sourceIds = new[] { source } });
        Assert.Equal(HttpStatusCode.BadRequest, foreignFilter.StatusCode);
        Assert.Single(_receiver.Received);
        Assert.Equal(subscription, (await acme.ListAsync("/api/deliveries"))[0]!["subscriptionId"]!.GetValue<string>());
    }

    [Fact]
    public async Task EventsFanOutOnlyToOwnTenantsSubscriptions()
    {
        var acme = await _hub.CreateTenantAsync("acme");
        var globex = await _hub.CreateTenantAsync("globex");
        var source = await acme.CreateSourceAsync("github", [GitHub.Secret]);
        var (_, acmeSecret) = await acme.CreateSubscriptionAsync(_receiver.UrlFor("acme"));
        var (_, globexSecret) = await globex.CreateSubscriptionAsync(_receiver.UrlFor("globex"));
        _receiver.Expect("acme", acmeSecret);
        _receiver.Expect("globex", globexSecret);

        using var ingest = await IngestClient.PostAsync(_hub.Client, source, GitHub.Body, GitHub.Headers);
        await TaskTimeouts.Eventually(async () => (await acme.ListAsync("/api/deliveries?status=succeeded")).Count == 1, "acme's delivery succeeded");

        Assert.All(_receiver.Received, r => Assert.Equal("/acme", r.Path));
        Assert.Empty(await globex.ListAsync("/api/deliveries"));
    }
}
