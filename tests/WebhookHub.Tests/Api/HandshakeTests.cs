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
}
