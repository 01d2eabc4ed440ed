using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.DependencyInjection;
using WebhookHub.Azure.KeyVault;
using WebhookHub.Delivery;
using WebhookHub.Storage.Sqlite;
using WebhookHub.Tenancy;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Azure.KeyVault;

/// <summary>
/// The real app with <c>WebhookHub:KeyVault:VaultUri</c> set and a fake <see cref="SecretClient"/> injected: secrets created and
/// rotated through the API live only in the vault, webhooks verify and deliveries are signed with the values read back, and a
/// new version set in the vault is used once the cache's time to live has passed.
/// </summary>
public sealed class KeyVaultApiTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeSecretClient _vault = new();
    private HubHost _hub = null!;
    private ProgrammableReceiver _receiver = null!;
    private TestTenant _tenant = null!;
    private int _sent;

    public async Task InitializeAsync()
    {
        _receiver = await ProgrammableReceiver.StartAsync(_time);
        _hub = await HubHost.StartAsync(
            services => services.AddSingleton<TimeProvider>(_time).AddSingleton<SecretClient>(_vault),
            null,
            $"--WebhookHub:KeyVault:VaultUri={FakeSecretClient.Vault}");
        _tenant = await _hub.CreateTenantAsync();
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private SqliteWebhookStore Database => _hub.Services.GetRequiredService<SqliteWebhookStore>();

    /// <summary>Whether any file of the hub's database holds <paramref name="text"/> (UTF-8 or JSON-escaped).</summary>
    private bool DatabaseContains(string text)
    {
        var forms = new[] { text, System.Text.Json.JsonSerializer.Serialize(text).Trim('"') }.Select(Encoding.UTF8.GetBytes).ToArray();
        return Directory.EnumerateFiles(_hub.Directory).Any(file =>
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            return forms.Any(form => bytes.AsSpan().IndexOf(form) >= 0);
        });
    }

    private async Task<HttpStatusCode> PostGitHubSignedWith(string sourceId, string secret)
    {
        var body = $"{{\"action\":\"opened\",\"n\":{++_sent}}}";
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
        using var response = await IngestClient.PostAsync(_hub.Client, sourceId, body, new Dictionary<string, string>
        {
            ["X-Hub-Signature-256"] = signature,
            ["X-GitHub-Event"] = "issues",
            ["X-GitHub-Delivery"] = Guid.NewGuid().ToString(),
        });
        return response.StatusCode;
    }

    private static bool SignedWith(ReceivedRequest request, string secret)
    {
        var timestamp = long.Parse(request.Headers["webhook-timestamp"], System.Globalization.CultureInfo.InvariantCulture);
        var expected = StandardWebhooksSigner.Sign(secret, request.WebhookId, timestamp, request.Body);
        return request.Headers["webhook-signature"].Split(' ').Contains(expected);
    }

    [Fact]
    public void Start_VaultConfigured_StoresDecoratedAndOptionsBound()
    {
        Assert.IsType<KeyVaultTenantStore>(_hub.Services.GetRequiredService<ITenantStore>());
        Assert.IsType<KeyVaultDeliveryStore>(_hub.Services.GetRequiredService<IDeliveryStore>());
        Assert.IsType<CachedSecretVault>(_hub.Services.GetRequiredService<ISecretVault>());
    }

    [Fact]
    public async Task SourceSecrets_CreateAndAddThroughApi_OnlyInVault_WebhooksVerify()
    {
        var sourceId = await _tenant.CreateSourceAsync("github", ["gh-first-secret-AAAA"]);
        using var added = await _tenant.SendAsync(HttpMethod.Post, $"/api/sources/{sourceId}/secrets", new { secret = "gh-second-secret-BBBB" });

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await PostGitHubSignedWith(sourceId, "gh-first-secret-AAAA"));
        Assert.Equal(HttpStatusCode.OK, await PostGitHubSignedWith(sourceId, "gh-second-secret-BBBB"));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostGitHubSignedWith(sourceId, "gh-wrong-secret"));
        Assert.Equal(["gh-first-secret-AAAA", "gh-second-secret-BBBB"], _vault.Sets.Select(s => s.Value));
        Assert.All((await Database.GetSourceAsync(sourceId))!.Secrets, s => Assert.StartsWith("kv:source-", s.Value));
        Assert.False(DatabaseContains("gh-first-secret-AAAA"));
        Assert.False(DatabaseContains("gh-second-secret-BBBB"));
        var shown = await _tenant.GetJsonAsync($"/api/sources/{sourceId}");
        Assert.DoesNotContain("kv:", shown.ToJsonString());
    }

    [Fact]
    public async Task SourceSecret_NewVersionSetInVault_VerifiesOnceCacheAndDirectoryExpire()
    {
        var sourceId = await _tenant.CreateSourceAsync("github", ["gh-before-rotation"]);
        Assert.Equal(HttpStatusCode.OK, await PostGitHubSignedWith(sourceId, "gh-before-rotation"));
        var name = SecretReference.TryGetName((await Database.GetSourceAsync(sourceId))!.Secrets[0].Value, out var n) ? n : null;

        _vault.SetByOperator(name!, "gh-after-rotation");
        _time.Advance(TimeSpan.FromMinutes(1));
        var beforeTtl = await PostGitHubSignedWith(sourceId, "gh-after-rotation");
        _time.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Unauthorized, beforeTtl);
        Assert.Equal(HttpStatusCode.OK, await PostGitHubSignedWith(sourceId, "gh-after-rotation"));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostGitHubSignedWith(sourceId, "gh-before-rotation"));
    }

    [Fact]
    public async Task SubscriptionSecret_RotateThroughApi_DeliverySignedWithNewAndOldValuesFromVault()
    {
        var sourceId = await _tenant.CreateSourceAsync("github", ["gh-source-secret"]);
        var (subscriptionId, oldSecret) = await _tenant.CreateSubscriptionAsync(_receiver.UrlFor("hook"));
        using var rotate = await _tenant.SendAsync(HttpMethod.Post, $"/api/subscriptions/{subscriptionId}/secret/rotate");
        var newSecret = (await rotate.Content.ReadFromJsonAsync<JsonObject>())!["secret"]!.GetValue<string>();
        _receiver.Expect("hook", newSecret);

        Assert.Equal(HttpStatusCode.OK, await PostGitHubSignedWith(sourceId, "gh-source-secret"));
        var delivered = await _receiver.WaitForRequestAsync("hook");

        Assert.Equal(HttpStatusCode.OK, rotate.StatusCode);
        Assert.True(delivered.SignatureValid);
        Assert.True(SignedWith(delivered, oldSecret));
        var raw = (await Database.GetSubscriptionAsync(_tenant.Id, subscriptionId))!;
        Assert.True(SecretReference.IsReference(raw.Secret));
        Assert.True(SecretReference.IsReference(Assert.Single(raw.SigningKeys.PreviousSecrets).Value));
        Assert.True(SecretReference.IsReference(raw.SigningKeys.Ed25519SecretKey));
        Assert.Contains(newSecret, _vault.AllValues);
        Assert.False(DatabaseContains(newSecret));
        Assert.False(DatabaseContains(oldSecret));
        Assert.False(DatabaseContains(_vault.AllValues.Single(v => v.StartsWith("whsk_", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task Subscription_SchemeV1aTurnedOn_SignedWithKeyFromVault()
    {
        var sourceId = await _tenant.CreateSourceAsync("github", ["gh-source-secret"]);
        var (subscriptionId, _) = await _tenant.CreateSubscriptionAsync(_receiver.UrlFor("v1a"));
        using var patch = await _tenant.SendAsync(HttpMethod.Patch, $"/api/subscriptions/{subscriptionId}", new { settings = new { signatureScheme = "v1a" } });
        var publicKey = (await patch.Content.ReadFromJsonAsync<JsonObject>())!["publicKey"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.OK, await PostGitHubSignedWith(sourceId, "gh-source-secret"));
        var delivered = await _receiver.WaitForRequestAsync("v1a");

        var headers = new DictionaryHeaders(delivered.Headers.ToDictionary(h => h.Key, h => h.Value));
        var verified = WebhookHub.Providers.ProviderCatalog.Default.CreateVerifier("standardwebhooks", new Dictionary<string, string>())
            .Verify(new WebhookHub.Providers.WebhookRequest(headers, delivered.Body), [publicKey], _time.GetUtcNow());
        Assert.Equal(WebhookHub.Providers.VerificationStatus.Verified, verified.Status);
    }
}
