using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Api;

public sealed class ManagementApiTests : IAsyncLifetime
{
    private HubHost _hub = null!;

    public async Task InitializeAsync() => _hub = await HubHost.StartAsync();

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong")]
    [InlineData("Basic dGVzdA==")]
    public async Task CreateTenant_WithoutAdminKey_401(string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tenants") { Content = JsonContent.Create(new { name = "x" }) };
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await _hub.Client.SendAsync(request).DefaultTimeout();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task CreateTenant_WithTenantKey_401()
    {
        var tenant = await _hub.CreateTenantAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tenants") { Content = JsonContent.Create(new { name = "x" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tenant.ApiKey);

        using var response = await _hub.Client.SendAsync(request).DefaultTimeout();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TenantKey_StoredOnlyAsHash()
    {
        var tenant = await _hub.CreateTenantAsync();

        var bytes = new List<byte>();
        foreach (var file in Directory.GetFiles(_hub.Directory, "hub.db*"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            bytes.AddRange(copy.ToArray());
        }

        var stored = bytes.ToArray();
        Assert.True(stored.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(tenant.ApiKey)) < 0, "the plain key is in the database");
        Assert.True(stored.AsSpan().IndexOf(WebhookHub.Tenancy.ApiKeys.Hash(tenant.ApiKey)) >= 0, "the key's hash is not in the database");
    }

    [Fact]
    public async Task CreateSource_ReturnsIngestUrlAndNeverSecrets()
    {
        var tenant = await _hub.CreateTenantAsync();

        using var response = await tenant.SendAsync(HttpMethod.Post, "/api/sources", new { name = "s", provider = "github", secrets = new[] { "topsecret-value" } });
        var body = await response.Content.ReadAsStringAsync();
        var list = await tenant.SendAsync(HttpMethod.Get, "/api/sources");
        var listBody = await list.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("/api/webhooks/src_", body);
        Assert.DoesNotContain("topsecret-value", body);
        Assert.DoesNotContain("topsecret-value", listBody);
    }

    [Theory]
    [InlineData("{\"name\":\"s\",\"provider\":\"nope\",\"secrets\":[\"x\"]}", "provider")]
    [InlineData("{\"name\":\"s\",\"provider\":\"github\",\"secrets\":[]}", "secrets")]
    [InlineData("{\"name\":\"\",\"provider\":\"github\",\"secrets\":[\"x\"]}", "name")]
    [InlineData("{\"name\":\"s\",\"provider\":\"hmac\",\"secrets\":[\"x\"]}", "options")]
    [InlineData("{\"name\":\"s\",\"provider\":\"stripe\",\"secrets\":[\"x\"],\"options\":{\"toleranceSeconds\":0}}", "options")]
    [InlineData("{\"name\":\"s\",\"provider\":\"standardwebhooks\",\"secrets\":[\"whsec_***\"]}", "secrets")]
    public async Task CreateSource_Invalid_400ValidationProblem(string json, string field)
    {
        var tenant = await _hub.CreateTenantAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sources") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tenant.ApiKey);

        using var response = await _hub.Client.SendAsync(request).DefaultTimeout();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(IngestClient.Problem(response).GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CreateSource_NumericOption_Accepted()
    {
        var tenant = await _hub.CreateTenantAsync();
        using var response = await tenant.SendAsync(HttpMethod.Post, "/api/sources",
            new { name = "s", provider = "stripe", secrets = new[] { "whsec_x" }, options = new { toleranceSeconds = 600 } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("600", IngestClient.Problem(response).GetProperty("options").GetProperty("toleranceSeconds").GetString());
    }

    [Theory]
    [InlineData("ftp://example.com/x", null, "url")]
    [InlineData("not a url", null, "url")]
    [InlineData("https://example.com/x", "in*valid", "eventTypes")]
    public async Task CreateSubscription_Invalid_400(string url, string? eventType, string field)
    {
        var tenant = await _hub.CreateTenantAsync();
        using var response = await tenant.SendAsync(HttpMethod.Post, "/api/subscriptions",
            new { url, eventTypes = eventType is null ? null : new[] { eventType } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(IngestClient.Problem(response).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task CreateSubscription_ReturnsWhsecSecretOnlyOnCreate()
    {
        var tenant = await _hub.CreateTenantAsync();
        var (id, secret) = await tenant.CreateSubscriptionAsync("https://example.com/hook");
        var listed = await tenant.ListAsync("/api/subscriptions");

        Assert.StartsWith("whsec_", secret);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.Equal(id, listed.Single()!["id"]!.GetValue<string>());
        Assert.Null(listed.Single()!["secret"]);
        Assert.Equal(["*"], listed.Single()!["eventTypes"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task Deliveries_UnknownStatusFilter_400()
    {
        var tenant = await _hub.CreateTenantAsync();
        using var response = await tenant.SendAsync(HttpMethod.Get, "/api/deliveries?status=bogus");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
