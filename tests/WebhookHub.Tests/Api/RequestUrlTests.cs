using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WebhookHub.Providers;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Api;

/// <summary>
/// The method and public URL a provider scheme sees: what URL-signing schemes (Twilio, Square, HubSpot) sign and GET/OPTIONS
/// handshakes read. X-Forwarded-* must count only from configured proxies, or a caller could pick the URL a signature is checked against.
/// </summary>
public sealed class RequestUrlTests
{
    [Fact]
    public async Task Post_NoProxyConfigured_ForwardedHeadersIgnored()
    {
        await using var hub = await StartAsync();
        var (tenant, source) = await CreateEchoSourceAsync(hub);

        await PostAsync(hub, source, "?a=1&b=x%20y", ("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "evil.example"));

        Assert.Equal($"POST {hub.Client.BaseAddress}api/webhooks/{source}?a=1&b=x%20y", await StoredTypeAsync(tenant));
    }

    [Fact]
    public async Task Post_FromTrustedProxy_ForwardedSchemeAndHostUsed()
    {
        await using var hub = await StartAsync("--WebhookHub:TrustedProxies:0=127.0.0.0/8");
        var (tenant, source) = await CreateEchoSourceAsync(hub);

        await PostAsync(hub, source, "", ("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "hooks.example.com"));

        Assert.Equal($"POST https://hooks.example.com/api/webhooks/{source}", await StoredTypeAsync(tenant));
    }

    [Fact]
    public async Task Post_ProxyNotInTrustedList_ForwardedHeadersIgnored()
    {
        await using var hub = await StartAsync("--WebhookHub:TrustedProxies:0=10.0.0.0/8");
        var (tenant, source) = await CreateEchoSourceAsync(hub);

        await PostAsync(hub, source, "", ("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "hooks.example.com"));

        Assert.StartsWith("POST http://127.0.0.1:", await StoredTypeAsync(tenant));
    }

    [Fact]
    public async Task Post_PublicBaseUrlConfigured_UsedWithPathAndQuery()
    {
        await using var hub = await StartAsync("--WebhookHub:PublicBaseUrl=https://hooks.example.com/");
        var (tenant, source) = await CreateEchoSourceAsync(hub);

        await PostAsync(hub, source, "?x=1");

        Assert.Equal($"POST https://hooks.example.com/api/webhooks/{source}?x=1", await StoredTypeAsync(tenant));
    }

    [Fact]
    public async Task Get_ProviderWithoutGetHandshake_405AndNothingStored()
    {
        await using var hub = await StartAsync();
        var tenant = await hub.CreateTenantAsync();
        var source = await tenant.CreateSourceAsync("stripe", ["whsec_test"]);

        using var response = await hub.Client.GetAsync($"/api/webhooks/{source}").DefaultTimeout();

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("POST", response.Content.Headers.Allow.Single());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await tenant.ListAsync("/api/events"));
    }

    [Fact]
    public async Task Get_ProviderWithGetHandshake_ReplyWithStatusAndHeaders()
    {
        await using var hub = await StartAsync();
        var (tenant, source) = await CreateEchoSourceAsync(hub);

        using var response = await hub.Client.GetAsync($"/api/webhooks/{source}?challenge=abc").DefaultTimeout();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("abc", await response.Content.ReadAsStringAsync());
        Assert.Equal("yes", response.Headers.GetValues("X-Echo").Single());
        Assert.Empty(await tenant.ListAsync("/api/events"));
    }

    private static Task<HubHost> StartAsync(params string[] args) =>
        HubHost.StartAsync(services => services.AddSingleton(new ProviderCatalog([new Stripe(), new EchoScheme()])), null, args);

    private static async Task<(TestTenant Tenant, string Source)> CreateEchoSourceAsync(HubHost hub)
    {
        var tenant = await hub.CreateTenantAsync();
        return (tenant, await tenant.CreateSourceAsync("echo", ["unused"]));
    }

    private static async Task PostAsync(HubHost hub, string source, string query, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/{source}{query}") { Content = new StringContent("{}") };
        foreach (var (name, value) in headers) request.Headers.Add(name, value);
        using var response = await hub.Client.SendAsync(request).DefaultTimeout();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<string> StoredTypeAsync(TestTenant tenant) =>
        Assert.Single(await tenant.ListAsync("/api/events"))!["eventType"]!.GetValue<string>();

    /// <summary>Verifies everything; POSTs become events typed "{method} {url}", a GET is a handshake echoing <c>?challenge</c>.</summary>
    private sealed class EchoScheme : IProviderScheme, IWebhookVerifier
    {
        public string Name => "echo";

        public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options) => this;

        public bool AllowsMethod(string method) => method is "POST" or "GET";

        public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now) =>
            request.Method == "GET"
                ? VerificationResult.Handshake(new ProviderReply("text/plain", request.Query("challenge") ?? "")
                {
                    StatusCode = 202,
                    Headers = new Dictionary<string, string> { ["X-Echo"] = "yes" },
                })
                : VerificationResult.Verified(Guid.NewGuid().ToString(), $"{request.Method} {request.Url!.OriginalString}");
    }
}
