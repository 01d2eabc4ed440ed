using System.Net;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Api;

public sealed class HandshakeTests
{
    [Fact]
    public async Task Post_SlackUrlVerification_AnsweredWithChallengeAndNothingStored()
    {
        var vector = Vectors.Load("slack.json").Single(v => v.EventType == "url_verification");
        await using var hub = await HubHost.StartAsync(new FakeTimeProvider(vector.NowTime));
        var tenant = await hub.CreateTenantAsync();
        var source = await tenant.CreateSourceAsync("slack", [vector.Secret]);

        using var response = await IngestClient.PostAsync(hub.Client, source, vector.Body, vector.Headers);
        using var forged = await IngestClient.PostAsync(hub.Client, source, vector.Body.Replace("url_verification", "url_verification "), vector.Headers);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(vector.Challenge, await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Empty(await tenant.ListAsync("/api/events"));
    }

    [Fact]
    public async Task Post_DiscordPingAndCommand_PongThenDeferredAckWithEventStored()
    {
        var vectors = Vectors.Load("discord.json");
        var ping = vectors.Single(v => v.EventType == "ping");
        var command = vectors.Single(v => v.EventType == "application_command");
        var time = new FakeTimeProvider(ping.NowTime);
        await using var hub = await HubHost.StartAsync(time);
        var tenant = await hub.CreateTenantAsync();
        var source = await tenant.CreateSourceAsync("discord", [ping.Secret]);

        using var pong = await IngestClient.PostAsync(hub.Client, source, ping.Body, ping.Headers);
        time.SetUtcNow(command.NowTime);
        using var ack = await IngestClient.PostAsync(hub.Client, source, command.Body, command.Headers);

        Assert.Equal(ping.Challenge, await pong.Content.ReadAsStringAsync());
        Assert.Equal("application/json", pong.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"type\":5}", await ack.Content.ReadAsStringAsync());
        var stored = Assert.Single(await tenant.ListAsync("/api/events"));
        Assert.Equal(command.EventId, stored!["providerEventId"]!.GetValue<string>());
    }
}
