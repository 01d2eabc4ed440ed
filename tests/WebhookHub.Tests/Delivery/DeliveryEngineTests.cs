using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Delivery;

/// <summary>Delivery through the running host to a real loopback receiver, on a fake clock that the tests advance.</summary>
public sealed class DeliveryEngineTests : IAsyncLifetime
{
    private static readonly Vector GitHub = Vectors.Load("github.json")[1];
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
    private HubHost _hub = null!;
    private SignedReceiver _receiver = null!;
    private TestTenant _tenant = null!;
    private string _source = null!;

    public async Task InitializeAsync()
    {
        _receiver = await SignedReceiver.StartAsync();
        _hub = await HubHost.StartAsync(_time, extraArgs:
        [
            "--WebhookHub:Delivery:RetryDelays:0=00:00:00",
            "--WebhookHub:Delivery:RetryDelays:1=00:00:05",
            "--WebhookHub:Delivery:RetryDelays:2=00:05:00",
            "--WebhookHub:Delivery:JitterRatio=0",
        ]);
        _tenant = await _hub.CreateTenantAsync();
        _source = await _tenant.CreateSourceAsync("github", [GitHub.Secret]);
        var (_, secret) = await _tenant.CreateSubscriptionAsync(_receiver.UrlFor("hook"));
        _receiver.Expect("hook", secret);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private async Task<string> IngestAsync()
    {
        using var response = await IngestClient.PostAsync(_hub.Client, _source, GitHub.Body, GitHub.Headers);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return IngestClient.Problem(response).GetProperty("eventId").GetString()!;
    }

    private async Task<JsonNode> WaitForDeliveryAsync(Func<JsonNode, bool> condition, string because)
    {
        JsonNode? found = null;
        await TaskTimeouts.Eventually(async () =>
        {
            var list = await _tenant.ListAsync("/api/deliveries");
            found = list.Count == 1 ? await _tenant.GetJsonAsync($"/api/deliveries/{list[0]!["id"]}") : null;
            return found is not null && condition(found);
        }, because);
        return found!;
    }

    private static string Status(JsonNode delivery) => delivery["status"]!.GetValue<string>();

    private static int Attempts(JsonNode delivery) => delivery["attemptCount"]!.GetValue<int>();

    [Fact]
    public async Task Deliver_Success_SignedOriginalBytesWithHeaders()
    {
        var eventId = await IngestAsync();

        var delivery = await WaitForDeliveryAsync(d => Status(d) == "succeeded", "the delivery succeeded");

        var received = Assert.Single(_receiver.Received);
        Assert.True(received.SignatureValid);
        Assert.Equal(eventId, received.WebhookId);
        Assert.Equal(GitHub.Body, System.Text.Encoding.UTF8.GetString(received.Body));
        Assert.Equal(GitHub.Headers["Content-Type"], received.ContentType);
        Assert.Equal("issues.opened", received.EventType);
        Assert.Equal(_source, received.SourceId);
        Assert.Equal(1, received.Attempt);
        Assert.Equal(delivery["id"]!.GetValue<string>(), received.DeliveryId);
        var attempt = Assert.Single(delivery["attempts"]!.AsArray());
        Assert.Equal(200, attempt!["statusCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Deliver_ServerError_RetriedOnScheduleThenSucceeds()
    {
        var calls = 0;
        _receiver.Respond = (_, _) => Task.FromResult(Interlocked.Increment(ref calls) == 1
            ? Results.Text("boom", statusCode: 500)
            : Results.Ok());
        await IngestAsync();

        var failed = await WaitForDeliveryAsync(d => Status(d) == "failed", "the first attempt failed");
        Assert.Equal(_time.GetUtcNow().AddSeconds(5), failed["nextAttemptAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("HTTP 500", failed["lastError"]!.GetValue<string>());
        Assert.Equal("boom", failed["attempts"]![0]!["response"]!.GetValue<string>());

        _time.Advance(TimeSpan.FromSeconds(4));
        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(1, calls);
        _time.Advance(TimeSpan.FromSeconds(1));
        var succeeded = await WaitForDeliveryAsync(d => Status(d) == "succeeded", "the retry succeeded");

        Assert.Equal(2, Attempts(succeeded));
        Assert.Equal([1, 2], _receiver.Received.Select(r => r.Attempt));
        Assert.Single(_receiver.Received.Select(r => r.WebhookId).Distinct());
    }

    [Fact]
    public async Task Deliver_429WithRetryAfter_WaitsAtLeastThatLong()
    {
        var calls = 0;
        _receiver.Respond = (context, _) =>
        {
            if (Interlocked.Increment(ref calls) > 1) return Task.FromResult(Results.Ok());
            context.Response.Headers.RetryAfter = "120";
            return Task.FromResult(Results.StatusCode(429));
        };
        await IngestAsync();

        var failed = await WaitForDeliveryAsync(d => Status(d) == "failed", "the first attempt was throttled");

        Assert.Equal(_time.GetUtcNow().AddSeconds(120), failed["nextAttemptAt"]!.GetValue<DateTimeOffset>());
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(1, calls);
        _time.Advance(TimeSpan.FromSeconds(61));
        await WaitForDeliveryAsync(d => Status(d) == "succeeded", "the delayed retry succeeded");
    }

    [Fact]
    public async Task Deliver_AlwaysFailing_DeadLetteredThenReplayed()
    {
        var fail = true;
        _receiver.Respond = (_, _) => Task.FromResult(Volatile.Read(ref fail) ? Results.StatusCode(503) : Results.Ok());
        await IngestAsync();

        await WaitForDeliveryAsync(d => Attempts(d) == 1, "attempt 1");
        _time.Advance(TimeSpan.FromSeconds(6));
        await WaitForDeliveryAsync(d => Attempts(d) == 2, "attempt 2");
        _time.Advance(TimeSpan.FromMinutes(6));
        var dead = await WaitForDeliveryAsync(d => Status(d) == "dead", "the delivery was dead-lettered");
        Assert.Equal(3, Attempts(dead));
        Assert.Null(dead["nextAttemptAt"]);
        Assert.Single(await _tenant.ListAsync("/api/deliveries?status=dead"));

        Volatile.Write(ref fail, false);
        using var replay = await _tenant.SendAsync(HttpMethod.Post, $"/api/deliveries/{dead["id"]}/replay");
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        var replayed = await WaitForDeliveryAsync(d => Status(d) == "succeeded", "the replay succeeded");

        Assert.Equal(4, Attempts(replayed));
        Assert.Equal([1, 2, 3, 4], _receiver.Received.Select(r => r.Attempt));
    }

    [Fact]
    public async Task Deliver_Redirect_NotFollowedAndFailed()
    {
        _receiver.Respond = (_, _) => Task.FromResult(Results.Redirect("http://127.0.0.1:9/elsewhere"));
        await IngestAsync();

        var failed = await WaitForDeliveryAsync(d => Status(d) == "failed", "the redirect counted as failure");

        Assert.Equal(302, failed["lastStatusCode"]!.GetValue<int>());
        Assert.Single(_receiver.Received);
    }

    [Fact]
    public async Task Deliver_LargeResponse_TruncatedTo4KiB()
    {
        _receiver.Respond = (_, _) => Task.FromResult(Results.Text(new string('x', 10_000), statusCode: 500));
        await IngestAsync();

        var failed = await WaitForDeliveryAsync(d => Status(d) == "failed", "the attempt was recorded");

        Assert.Equal(4096, failed["attempts"]![0]!["response"]!.GetValue<string>().Length);
    }

    [Fact]
    public async Task ReplayEvent_SucceededDelivery_SentAgainWithSameWebhookId()
    {
        var eventId = await IngestAsync();
        await WaitForDeliveryAsync(d => Status(d) == "succeeded", "the delivery succeeded");

        using var replay = await _tenant.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/replay");
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        await TaskTimeouts.Eventually(() => Task.FromResult(_receiver.Received.Count == 2), "the replay arrived");

        Assert.All(_receiver.Received, r => Assert.Equal(eventId, r.WebhookId));
        Assert.Equal([1, 2], _receiver.Received.Select(r => r.Attempt));
    }
}
