using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using WebhookHub.Functions;

namespace WebhookHub.Tests.Support;

/// <summary>
/// WebhookHub started in-process on a free loopback port, with its own temporary SQLite file, loopback allowed for deliveries,
/// and optionally a <see cref="FakeTimeProvider"/>. Helpers call the management API as an admin and as tenants.
/// </summary>
public sealed class HubHost : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key";

    private readonly WebApplication _app;

    private HubHost(WebApplication app, string directory, HttpClient client)
    {
        _app = app;
        Directory = directory;
        Client = client;
    }

    public string Directory { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>When set, <see cref="DisposeAsync"/> leaves <see cref="Directory"/> (the database) for a hub started after it.</summary>
    public bool KeepDirectory { get; set; }

    public static Task<HubHost> StartAsync(TimeProvider? timeProvider = null, string? directory = null, params string[] extraArgs) =>
        StartAsync(timeProvider is null ? null : services => services.AddSingleton(timeProvider), directory, extraArgs);

    /// <summary>Starts a hub whose services <paramref name="configure"/> has the last word on (fake time, extra provider schemes).</summary>
    public static async Task<HubHost> StartAsync(Action<IServiceCollection>? configure, string? directory = null, params string[] extraArgs)
    {
        directory ??= Path.Combine(Path.GetTempPath(), "webhookhub-tests", Guid.NewGuid().ToString("n"));
        System.IO.Directory.CreateDirectory(directory);
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--WebhookHub:AdminApiKey={AdminKey}",
            $"--WebhookHub:Sqlite:Path={Path.Combine(directory, "hub.db")}",
            "--WebhookHub:Delivery:AllowedNetworks:0=127.0.0.0/8",
            "--WebhookHub:Delivery:PollInterval=00:00:00.050",
            "--Logging:LogLevel:Default=Warning",
            .. extraArgs,
        ];
        var app = WebhookHubApp.Build(args, configure);
        await app.StartAsync().DefaultTimeout();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HubHost(app, directory, new HttpClient { BaseAddress = new Uri(address) });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync().DefaultTimeout();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (KeepDirectory) return;
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }

    public async Task<TestTenant> CreateTenantAsync(string name = "acme")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tenants") { Content = JsonContent.Create(new { name }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        using var response = await Client.SendAsync(request).DefaultTimeout();
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>().DefaultTimeout();
        return new TestTenant(this, body!["id"]!.GetValue<string>(), body["apiKey"]!.GetValue<string>());
    }
}

/// <summary>A tenant's view of the management API.</summary>
public sealed record TestTenant(HubHost Host, string Id, string ApiKey)
{
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return await Host.Client.SendAsync(request).DefaultTimeout();
    }

    public async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    public async Task<string> CreateSourceAsync(string provider, string[] secrets, object? options = null)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/sources", new { name = provider + " source", provider, secrets, options });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!["id"]!.GetValue<string>();
    }

    public async Task<(string Id, string Secret)> CreateSubscriptionAsync(string url, string[]? eventTypes = null, string[]? sourceIds = null)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/subscriptions", new { url, eventTypes, sourceIds });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
        var json = JsonNode.Parse(body)!;
        return (json["id"]!.GetValue<string>(), json["secret"]!.GetValue<string>());
    }

    public async Task<JsonArray> ListAsync(string path) => (await GetJsonAsync(path))["data"]!.AsArray();
}

/// <summary>Sends a vector's request to an ingest URL.</summary>
public static class IngestClient
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string sourceId, string body, IReadOnlyDictionary<string, string> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/{sourceId}")
        {
            Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(body)),
        };
        foreach (var (name, value) in headers)
        {
            if (name.Equals("content-type", StringComparison.OrdinalIgnoreCase)) request.Content.Headers.TryAddWithoutValidation(name, value);
            else request.Headers.TryAddWithoutValidation(name, value);
        }

        if (request.Content.Headers.ContentType is null) request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        return await client.SendAsync(request).DefaultTimeout();
    }

    public static JsonElement Problem(HttpResponseMessage response) =>
        JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult()).RootElement;
}
