using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Api;

/// <summary>Rotating a GitHub source's secret through the API: add the new one, expire the old one after an overlap.</summary>
public sealed class SecretRotationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
    private HubHost _hub = null!;
    private TestTenant _tenant = null!;
    private string _source = null!;
    private int _delivery;

    public async Task InitializeAsync()
    {
        _hub = await HubHost.StartAsync(_time);
        _tenant = await _hub.CreateTenantAsync();
        _source = await _tenant.CreateSourceAsync("github", ["old-secret"]);
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    /// <summary>Posts a GitHub-style webhook signed with <paramref name="secret"/>; returns the status code.</summary>
    private async Task<HttpStatusCode> PostSignedWith(string secret)
    {
        var body = $"{{\"action\":\"opened\",\"n\":{++_delivery}}}";
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
        using var response = await IngestClient.PostAsync(_hub.Client, _source, body, new Dictionary<string, string>
        {
            ["X-Hub-Signature-256"] = signature,
            ["X-GitHub-Event"] = "issues",
            ["X-GitHub-Delivery"] = Guid.NewGuid().ToString(),
        });
        return response.StatusCode;
    }

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var response = await _tenant.SendAsync(method, path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    [Fact]
    public async Task Rotate_OverlapThenExpiry_OldSecretStopsVerifyingAtExpiry()
    {
        var added = await SendAsync(HttpMethod.Post, $"/api/sources/{_source}/secrets", new { secret = "new-secret" }, HttpStatusCode.Created);
        var secrets = added["secrets"]!.AsArray();
        Assert.Equal(2, secrets.Count);
        Assert.DoesNotContain("new-secret", added.ToJsonString());
        var oldId = secrets[0]!["id"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.OK, await PostSignedWith("old-secret"));
        Assert.Equal(HttpStatusCode.OK, await PostSignedWith("new-secret"));

        await SendAsync(HttpMethod.Post, $"/api/sources/{_source}/secrets/{oldId}/expire", new { at = _time.GetUtcNow().AddHours(24) }, HttpStatusCode.OK);
        _time.Advance(TimeSpan.FromHours(23));
        Assert.Equal(HttpStatusCode.OK, await PostSignedWith("old-secret"));

        _time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostSignedWith("old-secret"));
        Assert.Equal(HttpStatusCode.OK, await PostSignedWith("new-secret"));
        var source = await _tenant.GetJsonAsync($"/api/sources/{_source}");
        Assert.Equal([false, true], source["secrets"]!.AsArray().Select(s => s!["active"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Expire_WithoutBody_StopsAtOnce_DeleteRemoves_LastCannotBeDeleted()
    {
        var added = await SendAsync(HttpMethod.Post, $"/api/sources/{_source}/secrets", new { secret = "new-secret" }, HttpStatusCode.Created);
        var oldId = added["secrets"]![0]!["id"]!.GetValue<string>();
        var newId = added["secrets"]![1]!["id"]!.GetValue<string>();

        await SendAsync(HttpMethod.Post, $"/api/sources/{_source}/secrets/{oldId}/expire", null, HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Unauthorized, await PostSignedWith("old-secret"));

        await SendAsync(HttpMethod.Delete, $"/api/sources/{_source}/secrets/{oldId}", null, HttpStatusCode.NoContent);
        await SendAsync(HttpMethod.Delete, $"/api/sources/{_source}/secrets/{newId}", null, HttpStatusCode.Conflict);
        Assert.Single((await _tenant.GetJsonAsync($"/api/sources/{_source}"))["secrets"]!.AsArray());
    }

    [Fact]
    public async Task SecretEndpoints_OtherTenantOrUnknownSecret_404()
    {
        var other = await _hub.CreateTenantAsync("other");
        var secretId = (await _tenant.GetJsonAsync($"/api/sources/{_source}"))["secrets"]![0]!["id"]!.GetValue<string>();

        using var add = await other.SendAsync(HttpMethod.Post, $"/api/sources/{_source}/secrets", new { secret = "x" });
        using var expire = await other.SendAsync(HttpMethod.Post, $"/api/sources/{_source}/secrets/{secretId}/expire");
        using var delete = await other.SendAsync(HttpMethod.Delete, $"/api/sources/{_source}/secrets/{secretId}");
        using var unknown = await _tenant.SendAsync(HttpMethod.Delete, $"/api/sources/{_source}/secrets/sec_nope");

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound],
            [add.StatusCode, expire.StatusCode, delete.StatusCode, unknown.StatusCode]);
    }

    [Fact]
    public async Task Add_PastExpiry_400() =>
        await SendAsync(HttpMethod.Post, $"/api/sources/{_source}/secrets", new { secret = "s", expiresAt = _time.GetUtcNow().AddMinutes(-1) }, HttpStatusCode.BadRequest);
}
