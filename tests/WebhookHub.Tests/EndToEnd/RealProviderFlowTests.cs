using System.Net;
using WebhookHub.Tests.Support;
using Xunit.Abstractions;

namespace WebhookHub.Tests.EndToEnd;

/// <summary>
/// Real GitHub deliveries (from @octokit/webhooks-examples, signed by @octokit/webhooks-methods) and Stripe events (signed by
/// the stripe library) in; a receiver that verifies WebhookHub's Standard Webhooks signatures out. Every accepted event reaches
/// every matching subscription exactly once; duplicates are not re-delivered; forged webhooks are stored nowhere.
/// </summary>
public sealed class RealProviderFlowTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly IReadOnlyList<Vector> GitHubEvents = Vectors.Load("github-examples.json");
    private static readonly IReadOnlyList<Vector> StripeEvents = Vectors.Load("stripe-events.json");
    private readonly FakeTimeProvider _time = new(StripeEvents[0].NowTime);
    private HubHost _hub = null!;
    private SignedReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _receiver = await SignedReceiver.StartAsync();
        _hub = await HubHost.StartAsync(_time);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task RealWebhooks_DeliveredOncePerMatchingSubscription_DuplicatesAndForgeriesNot()
    {
        var tenant = await _hub.CreateTenantAsync();
        var github = await tenant.CreateSourceAsync("github", [GitHubEvents[0].Secret]);
        var stripe = await tenant.CreateSourceAsync("stripe", [StripeEvents[0].Secret]);
        var subscriptions = new Dictionary<string, (string[] Types, string[] Sources)>
        {
            ["everything"] = (["*"], []),
            ["issues"] = (["issues.*"], []),
            ["billing"] = (["invoice.*", "customer.subscription.updated"], [stripe]),
            ["github-only"] = (["*"], [github]),
        };
        foreach (var (path, (types, sources)) in subscriptions)
        {
            var (_, secret) = await tenant.CreateSubscriptionAsync(_receiver.UrlFor(path), types, sources);
            _receiver.Expect(path, secret);
        }

        var accepted = new Dictionary<string, (string Source, string? Type)>();
        foreach (var (source, vector) in GitHubEvents.Select(v => (github, v)).Concat(StripeEvents.Select(v => (stripe, v))))
        {
            using var response = await IngestClient.PostAsync(_hub.Client, source, vector.Body, vector.Headers);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{vector.Name}: {await response.Content.ReadAsStringAsync()}");
            accepted[IngestClient.Problem(response).GetProperty("eventId").GetString()!] = (source, vector.EventType);
        }

        foreach (var vector in GitHubEvents.Take(3))
        {
            using var duplicate = await IngestClient.PostAsync(_hub.Client, github, vector.Body, vector.Headers);
            Assert.True(IngestClient.Problem(duplicate).GetProperty("duplicate").GetBoolean());
        }

        foreach (var vector in StripeEvents.Take(3))
        {
            var forged = vector.Body.Replace("\"livemode\": false", "\"livemode\": true");
            Assert.NotEqual(vector.Body, forged);
            using var response = await IngestClient.PostAsync(_hub.Client, stripe, forged, vector.Headers);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var expected = accepted
            .SelectMany(e => subscriptions
                .Where(s => (s.Value.Sources.Length == 0 || s.Value.Sources.Contains(e.Value.Source))
                    && s.Value.Types.Any(t => WebhookHub.Routing.EventTypeFilter.Matches(t, e.Value.Type)))
                .Select(s => ("/" + s.Key, e.Key)))
            .ToHashSet();
        await TaskTimeouts.Eventually(
            async () => (await tenant.ListAsync("/api/deliveries?status=succeeded&limit=1000")).Count == expected.Count,
            $"{expected.Count} deliveries succeeded");

        var received = _receiver.Received.ToList();
        output.WriteLine($"accepted {accepted.Count} events, expected {expected.Count} deliveries, received {received.Count}");
        Assert.All(received, r => Assert.True(r.SignatureValid, $"bad signature on {r.Path} {r.WebhookId}"));
        Assert.Equal(expected.Count, received.Count);
        Assert.Equal(expected, received.Select(r => (r.Path, r.WebhookId)).ToHashSet());
        Assert.Equal(GitHubEvents.Count + StripeEvents.Count, (await tenant.ListAsync("/api/events?limit=1000")).Count);
        Assert.Contains(("/issues", accepted.First(e => e.Value.Type == "issues.opened").Key), expected);
        Assert.DoesNotContain(received, r => r.Path == "/billing" && r.SourceId == github);
    }
}
