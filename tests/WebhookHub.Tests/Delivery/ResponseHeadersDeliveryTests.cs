using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Delivery;

/// <summary>An attempt's response headers are stored and shown by <c>GET /api/deliveries/{id}</c>, with the receiver's credentials redacted.</summary>
public sealed class ResponseHeadersDeliveryTests
{
    private static readonly Vector GitHub = Vectors.Load("github.json")[1];

    [Fact]
    public async Task Deliver_ResponseWithCredentials_HeadersShownRedacted()
    {
        await using var receiver = await SignedReceiver.StartAsync();
        receiver.Respond = (context, _) =>
        {
            var headers = context.Response.Headers;
            headers.Append("Set-Cookie", "session=s3cr3t-cookie; HttpOnly");
            headers.Append("X-Auth-Token", "tok-0123456789");
            headers.Append("WWW-Authenticate", "Bearer error=\"nope-www\"");
            headers.Append("X-Request-Id", "req-42");
            return Task.FromResult(Results.Text("accepted", statusCode: 202));
        };
        await using var hub = await HubHost.StartAsync();
        var tenant = await hub.CreateTenantAsync();
        var source = await tenant.CreateSourceAsync("github", [GitHub.Secret]);
        await tenant.CreateSubscriptionAsync(receiver.UrlFor("hook"));
        using (var ingest = await IngestClient.PostAsync(hub.Client, source, GitHub.Body, GitHub.Headers)) Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);

        JsonNode? delivery = null;
        await TaskTimeouts.Eventually(async () =>
        {
            var list = await tenant.ListAsync("/api/deliveries?status=succeeded");
            delivery = list.Count == 1 ? await tenant.GetJsonAsync($"/api/deliveries/{list[0]!["id"]}") : null;
            return delivery is not null;
        }, "the delivery succeeded");

        var attempt = delivery!["attempts"]![0]!;
        var headersShown = attempt["responseHeaders"]!;
        Assert.Equal("req-42", headersShown["x-request-id"]!.GetValue<string>());
        Assert.Equal("[redacted]", headersShown["set-cookie"]!.GetValue<string>());
        Assert.Equal("[redacted]", headersShown["x-auth-token"]!.GetValue<string>());
        Assert.Equal("[redacted]", headersShown["www-authenticate"]!.GetValue<string>());
        Assert.StartsWith("text/plain", headersShown["content-type"]!.GetValue<string>());
        Assert.Equal("accepted", attempt["response"]!.GetValue<string>());
        var text = delivery.ToJsonString();
        Assert.DoesNotContain("s3cr3t-cookie", text);
        Assert.DoesNotContain("tok-0123456789", text);
        Assert.DoesNotContain("nope-www", text);
    }
}
