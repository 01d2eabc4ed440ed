using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Api;

/// <summary>A subscription's retry settings through the API: stored and shown as camelCase JSON, and validated (RFC 9457, 400).</summary>
public sealed class SubscriptionRetrySettingsTests(SubscriptionRetrySettingsTests.Hub fixture) : IClassFixture<SubscriptionRetrySettingsTests.Hub>
{
    /// <summary>One hub for the class: these tests only call the API.</summary>
    public sealed class Hub : IAsyncLifetime
    {
        public HubHost Host { get; private set; } = null!;

        public TestTenant Tenant { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Host = await HubHost.StartAsync(extraArgs: "--WebhookHub:RunWorkers=false");
            Tenant = await Host.CreateTenantAsync();
        }

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    private TestTenant Tenant => fixture.Tenant;

    private async Task<(HttpStatusCode Status, JsonNode Body)> SendRawAsync(HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", Tenant.ApiKey);
        using var response = await fixture.Host.Client.SendAsync(request).DefaultTimeout();
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonNode>())!);
    }

    [Fact]
    public async Task Create_RetrySettings_StoredAndShown()
    {
        var (status, created) = await SendRawAsync(HttpMethod.Post, "/api/subscriptions", """
            {"url":"https://example.com/hook","settings":{"retryDelaysSeconds":[0,60,3600],
             "retryDelaysByEventType":{"invoice.*":[0,10],"invoice.paid":[0,5,5]}}}
            """);
        var stored = await Tenant.GetJsonAsync($"/api/subscriptions/{created["id"]}");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal([0, 60, 3600], stored["settings"]!["retryDelaysSeconds"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Equal([0, 5, 5], stored["settings"]!["retryDelaysByEventType"]!["invoice.paid"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Equal([0, 10], stored["settings"]!["retryDelaysByEventType"]!["invoice.*"]!.AsArray().Select(n => n!.GetValue<int>()));
    }

    [Fact]
    public async Task Patch_RetrySettings_Replaced()
    {
        var (_, created) = await SendRawAsync(HttpMethod.Post, "/api/subscriptions", """{"url":"https://example.com/hook","settings":{"retryDelaysSeconds":[0,60]}}""");

        var (status, _) = await SendRawAsync(HttpMethod.Patch, $"/api/subscriptions/{created["id"]}", """{"settings":{"retryDelaysSeconds":[0,1,2]}}""");
        var stored = await Tenant.GetJsonAsync($"/api/subscriptions/{created["id"]}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, stored["settings"]!["retryDelaysSeconds"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("""{"retryDelaysSeconds":[]}""", "settings.retryDelaysSeconds", "A schedule has 1 to 50 delays in seconds, one per attempt; got 0.")]
    [InlineData("""{"retryDelaysSeconds":[5,10]}""", "settings.retryDelaysSeconds", "The first delay must be 0 (the first attempt is made at once); got 5.")]
    [InlineData("""{"retryDelaysSeconds":[0,-1]}""", "settings.retryDelaysSeconds", "Each delay must be 0 to 604800 seconds (7 days); entry 1 is -1.")]
    [InlineData("""{"retryDelaysSeconds":[0,604801]}""", "settings.retryDelaysSeconds", "Each delay must be 0 to 604800 seconds (7 days); entry 1 is 604801.")]
    [InlineData("""{"retryDelaysByEventType":{"*":[0]}}""", "settings.retryDelaysByEventType", "'*' must be an event type or a prefix wildcard such as 'invoice.*' ('*' is retryDelaysSeconds).")]
    [InlineData("""{"retryDelaysByEventType":{"in*voice":[0]}}""", "settings.retryDelaysByEventType", "'in*voice' must be an event type or a prefix wildcard such as 'invoice.*' ('*' is retryDelaysSeconds).")]
    [InlineData("""{"retryDelaysByEventType":{"invoice.*":[]}}""", "settings.retryDelaysByEventType", "'invoice.*': A schedule has 1 to 50 delays in seconds, one per attempt; got 0.")]
    [InlineData("""{"retryDelaysByEventType":{"invoice.*":null}}""", "settings.retryDelaysByEventType", "'invoice.*': A schedule has 1 to 50 delays in seconds, one per attempt; got 0.")]
    public async Task Create_InvalidRetrySettings_400WithMessage(string settings, string field, string message)
    {
        var (status, problem) = await SendRawAsync(HttpMethod.Post, "/api/subscriptions", """{"url":"https://example.com/hook","settings":""" + settings + "}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(message, Assert.Single(problem["errors"]![field]!.AsArray())!.GetValue<string>());
    }

    [Fact]
    public async Task Create_TooManyDelays_400()
    {
        var delays = string.Join(",", Enumerable.Repeat(0, 51));

        var (status, problem) = await SendRawAsync(HttpMethod.Post, "/api/subscriptions", """{"url":"https://example.com/hook","settings":{"retryDelaysSeconds":[""" + delays + "]}}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("A schedule has 1 to 50 delays in seconds, one per attempt; got 51.", problem["errors"]!["settings.retryDelaysSeconds"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_InvalidRetrySettings_400AndNothingChanged()
    {
        var (_, created) = await SendRawAsync(HttpMethod.Post, "/api/subscriptions", """{"url":"https://example.com/hook","settings":{"retryDelaysSeconds":[0,60]}}""");

        var (status, _) = await SendRawAsync(HttpMethod.Patch, $"/api/subscriptions/{created["id"]}", """{"settings":{"retryDelaysSeconds":[1]}}""");
        var stored = await Tenant.GetJsonAsync($"/api/subscriptions/{created["id"]}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([0, 60], stored["settings"]!["retryDelaysSeconds"]!.AsArray().Select(n => n!.GetValue<int>()));
    }
}
