using System.Net;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Api;

/// <summary>
/// Handshakes through the real ingest endpoint for the providers that verify an endpoint before posting to it (Meta, Dropbox
/// and Okta with GET, Event Grid's CloudEvents abuse protection with OPTIONS, Graph and Event Grid validation with POST):
/// answered as the provider expects, nothing stored, and the forged variant rejected.
/// </summary>
public sealed class ProviderHandshakeTests
{
    [Fact]
    public async Task Get_MetaVerificationRequest_ChallengeEchoedOnlyForTheVerifyToken()
    {
        await using var hub = await HubHost.StartAsync();
        var tenant = await hub.CreateTenantAsync();
        var source = await tenant.CreateSourceAsync("meta", ["6b1f0c9e2d7a48f3b5c4e8a1d0f92c37", "verify_token:meatyhamhock"]);

        using var answered = await GetAsync(hub, source, "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock");
        using var forged = await GetAsync(hub, source, "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=guess");

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal("text/plain", answered.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", answered.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("1158201444", await answered.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.DoesNotContain("1158201444", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await tenant.ListAsync("/api/events"));
    }

    [Fact]
    public async Task Get_DropboxVerificationRequest_ChallengeEchoedAsNoSniffText()
    {
        var vector = Vectors.Load("dropbox.json")[0];
        await using var hub = await HubHost.StartAsync();
        var tenant = await hub.CreateTenantAsync();
        var source = await tenant.CreateSourceAsync("dropbox", [vector.Secret]);

        using var answered = await GetAsync(hub, source, "?challenge=abc123");
        using var withoutChallenge = await GetAsync(hub, source, "");
        using var forgedPost = await IngestClient.PostAsync(hub.Client, source, vector.Body,
            new Dictionary<string, string> { ["X-Dropbox-Signature"] = new string('0', 64) });

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal("text/plain", answered.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", answered.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("abc123", await answered.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, withoutChallenge.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forgedPost.StatusCode);
        Assert.Empty(await tenant.ListAsync("/api/events"));
    }

    [Fact]
    public async Task Get_OktaVerificationRequest_AnsweredOnlyWithTheAuthorizationSecret()
    {
        await using var hub = await HubHost.StartAsync();
        var tenant = await hub.CreateTenantAsync();
        var source = await tenant.CreateSourceAsync("okta", ["okta-hook-secret"]);

        using var answered = await GetAsync(hub, source, "", ("Authorization", "okta-hook-secret"), ("X-Okta-Verification-Challenge", "Me_rShK8JHsTnbyYrWXCEoMGbM_zsZ6k0hLPZ_Pg"));
        using var forged = await GetAsync(hub, source, "", ("Authorization", "guess"), ("X-Okta-Verification-Challenge", "Me_rShK8JHsTnbyYrWXCEoMGbM_zsZ6k0hLPZ_Pg"));

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal("application/json", answered.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"verification\":\"Me_rShK8JHsTnbyYrWXCEoMGbM_zsZ6k0hLPZ_Pg\"}", await answered.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Empty(await tenant.ListAsync("/api/events"));
    }

    [Fact]
    public async Task Options_EventGridAbuseProtection_AllowedOriginOnlyWithTheCode()
    {
        await using var hub = await HubHost.StartAsync();
        var tenant = await hub.CreateTenantAsync();
        var source = await tenant.CreateSourceAsync("eventgrid", ["eg-secret"]);

        using var answered = await OptionsAsync(hub, source, "?code=eg-secret");
        using var forged = await OptionsAsync(hub, source, "");

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal("eventgrid.azure.net", answered.Headers.GetValues("WebHook-Allowed-Origin").Single());
        Assert.Equal("*", answered.Headers.GetValues("WebHook-Allowed-Rate").Single());
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.False(forged.Headers.Contains("WebHook-Allowed-Origin"));
        Assert.Empty(await tenant.ListAsync("/api/events"));
    }

    [Fact]
    public async Task Post_EventGridSubscriptionValidation_ValidationResponseThenEventStored()
    {
        var vectors = Vectors.Load("eventgrid.json");
        var validation = vectors.Single(v => v.Name == "subscription-validation");
        var blob = vectors.Single(v => v.Name == "event-schema-blob-created");
        await using var hub = await HubHost.StartAsync();
        var tenant = await hub.CreateTenantAsync();
        var source = await tenant.CreateSourceAsync("eventgrid", [validation.Secret]);

        using var answered = await PostAsync(hub, $"{source}?code={validation.Secret}", validation);
        using var forged = await PostAsync(hub, $"{source}?code=guess", validation);
        Assert.Empty(await tenant.ListAsync("/api/events"));
        using var stored = await PostAsync(hub, $"{source}?code={blob.Secret}", blob);

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal("application/json", answered.Content.Headers.ContentType?.MediaType);
        Assert.Equal(validation.Challenge, await answered.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        var webhookEvent = Assert.Single(await tenant.ListAsync("/api/events"));
        Assert.Equal(blob.EventId, webhookEvent!["providerEventId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_GraphValidationToken_DecodedTokenAsTextAndNothingStored()
    {
        await using var hub = await HubHost.StartAsync();
        var tenant = await hub.CreateTenantAsync();
        var source = await tenant.CreateSourceAsync("msgraph", ["SecretClientState"]);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/{source}?validationToken=Validation%3a+Testing+client+application+reachability")
        {
            Content = new StringContent("", System.Text.Encoding.UTF8, "text/plain"),
        };
        using var answered = await hub.Client.SendAsync(request).DefaultTimeout();
        using var forged = await IngestClient.PostAsync(hub.Client, source,
            "{\"value\":[{\"subscriptionId\":\"s\",\"clientState\":\"guess\",\"changeType\":\"created\",\"resource\":\"r\"}]}", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal("text/plain", answered.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Validation: Testing client application reachability", await answered.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Empty(await tenant.ListAsync("/api/events"));
    }

    private static async Task<HttpResponseMessage> GetAsync(HubHost hub, string source, string query, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/webhooks/{source}{query}");
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return await hub.Client.SendAsync(request).DefaultTimeout();
    }

    private static async Task<HttpResponseMessage> OptionsAsync(HubHost hub, string source, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, $"/api/webhooks/{source}{query}");
        request.Headers.Add("WebHook-Request-Origin", "eventgrid.azure.net");
        return await hub.Client.SendAsync(request).DefaultTimeout();
    }

    private static async Task<HttpResponseMessage> PostAsync(HubHost hub, string sourceAndQuery, Vector vector)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/{sourceAndQuery}")
        {
            Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(vector.Body)),
        };
        foreach (var (name, value) in vector.Headers)
        {
            if (name.Equals("content-type", StringComparison.OrdinalIgnoreCase)) request.Content.Headers.TryAddWithoutValidation(name, value);
            else request.Headers.TryAddWithoutValidation(name, value);
        }

        return await hub.Client.SendAsync(request).DefaultTimeout();
    }
}
