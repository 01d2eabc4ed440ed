using System.Net;
using System.Security.Cryptography;
using System.Text;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Api;

/// <summary>
/// Twilio, Square and HubSpot sign the URL they call: through the real ingest endpoint the URL the scheme sees (public base URL +
/// path + query exactly as requested) must be the one the provider signed. Signatures are computed here as each provider documents.
/// </summary>
public sealed class UrlSignedIngestTests
{
    private const string PublicBase = "https://hooks.example.com";

    private static Task<HubHost> StartAsync() => HubHost.StartAsync(configure: null, null, $"--WebhookHub:PublicBaseUrl={PublicBase}/");

    private static async Task<HttpResponseMessage> PostAsync(HubHost hub, string pathAndQuery, string body, string contentType, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return await hub.Client.SendAsync(request).DefaultTimeout();
    }

    [Fact]
    public async Task Twilio_FormWebhookWithQuery_StoredWithMessageType()
    {
        const string token = "4c3f0b9e2a7d41c88e5f6a1b2c3d4e5f";
        await using var hub = await StartAsync();
        var tenant = await hub.CreateTenantAsync();
        var source = await tenant.CreateSourceAsync("twilio", [token]);
        var path = $"/api/webhooks/{source}?customer=O'Brien&note=a%20b";
        const string body = "MessageSid=SM0123&MessageStatus=delivered&To=%2B15558675310&Body=Gr%C3%BC%C3%9Fe";
        var signed = PublicBase + path + "BodyGrüßeMessageSidSM0123MessageStatusdeliveredTo+15558675310";
        var signature = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(signed)));

        using var response = await PostAsync(hub, path, body, "application/x-www-form-urlencoded", ("X-Twilio-Signature", signature));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = Assert.Single(await tenant.ListAsync("/api/events"))!;
        Assert.Equal("message.delivered", stored["eventType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Twilio_SignedForAnotherHost_401()
    {
        const string token = "4c3f0b9e2a7d41c88e5f6a1b2c3d4e5f";
        await using var hub = await StartAsync();
        var tenant = await hub.CreateTenantAsync();
        var source = await tenant.CreateSourceAsync("twilio", [token]);
        var path = $"/api/webhooks/{source}";
        var signature = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes($"https://other.example.com{path}")));

        using var response = await PostAsync(hub, path, "", "application/x-www-form-urlencoded", ("X-Twilio-Signature", signature));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await tenant.ListAsync("/api/events"));
    }

    [Fact]
    public async Task Square_SignedOverPublicUrl_Stored()
    {
        const string key = "wJ3x9Qk2Lm7Vb8Np4Rt6Yz";
        await using var hub = await StartAsync();
        var tenant = await hub.CreateTenantAsync();
        var source = await tenant.CreateSourceAsync("square", [key]);
        var path = $"/api/webhooks/{source}";
        const string body = "{\"merchant_id\":\"ML1\",\"type\":\"payment.updated\",\"event_id\":\"e-1\",\"data\":{}}";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(PublicBase + path + body)));

        using var response = await PostAsync(hub, path, body, "application/json", ("x-square-hmacsha256-signature", signature));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("payment.updated", Assert.Single(await tenant.ListAsync("/api/events"))!["eventType"]!.GetValue<string>());
    }

    [Fact]
    public async Task HubSpot_V3WithEncodedQuery_SignedOverDecodedUri_Stored()
    {
        const string secret = "3f6c1a9e-7b2d-4e58-a0c4-9d8b7e6f5a41";
        await using var hub = await StartAsync();
        var tenant = await hub.CreateTenantAsync();
        var source = await tenant.CreateSourceAsync("hubspot", [secret]);
        const string body = "[{\"eventId\":7,\"subscriptionId\":9,\"portalId\":5,\"subscriptionType\":\"deal.creation\",\"attemptNumber\":0}]";
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var decoded = $"{PublicBase}/api/webhooks/{source}?return=https://app.example/cb&who=O'Brien";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes("POST" + decoded + body + timestamp)));

        using var response = await PostAsync(hub, $"/api/webhooks/{source}?return=https%3A%2F%2Fapp.example%2Fcb&who=O%27Brien", body, "application/json",
            ("X-HubSpot-Signature-v3", signature), ("X-HubSpot-Request-Timestamp", timestamp));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = Assert.Single(await tenant.ListAsync("/api/events"))!;
        Assert.Equal("deal.creation", stored["eventType"]!.GetValue<string>());
    }
}
