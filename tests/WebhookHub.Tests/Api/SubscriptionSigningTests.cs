using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WebhookHub.Providers;
using WebhookHub.Tenancy;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Api;

/// <summary>
/// Signing-secret rotation and Ed25519 (<c>v1a</c>) signing through the running host, checked by a real receiver on a fake clock
/// and by WebhookHub's own Standard Webhooks verifier, as a receiver following the specification would check them.
/// </summary>
public sealed class SubscriptionSigningTests : IAsyncLifetime
{
    private static readonly Vector GitHub = Vectors.Load("github.json")[1];
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentQueue<Arrival> _arrivals = new();
    private HubHost _hub = null!;
    private SignedReceiver _receiver = null!;
    private TestTenant _tenant = null!;
    private string _source = null!;

    private sealed record Arrival(ReceivedDelivery Delivery, Dictionary<string, string> Headers, DateTimeOffset At);

    public async Task InitializeAsync()
    {
        _receiver = await SignedReceiver.StartAsync();
        _receiver.Respond = (context, delivery) =>
        {
            var headers = context.Request.Headers.Where(h => h.Key.StartsWith("webhook-", StringComparison.OrdinalIgnoreCase))
                .ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            _arrivals.Enqueue(new Arrival(delivery, headers, _time.GetUtcNow()));
            return Task.FromResult(Results.Ok());
        };
        _hub = await HubHost.StartAsync(_time);
        _tenant = await _hub.CreateTenantAsync();
        _source = await _tenant.CreateSourceAsync("github", [GitHub.Secret]);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Rotate_ReturnsNewSecretOnce_OldOneListedWithExpiry()
    {
        var (id, old) = await _tenant.CreateSubscriptionAsync("https://example.com/hook");

        using var response = await _tenant.SendAsync(HttpMethod.Post, $"/api/subscriptions/{id}/secret/rotate");
        var rotated = await response.Content.ReadFromJsonAsync<JsonObject>();
        var shown = await _tenant.GetJsonAsync($"/api/subscriptions/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var secret = rotated!["secret"]!.GetValue<string>();
        Assert.StartsWith("whsec_", secret);
        Assert.NotEqual(old, secret);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.Null(shown["secret"]);
        Assert.Equal(_time.GetUtcNow().AddHours(24), shown["previousSecrets"]![0]!["expiresAt"]!.GetValue<DateTimeOffset>());
        Assert.DoesNotContain(old, shown.ToJsonString());
        Assert.DoesNotContain(secret, shown.ToJsonString());
        Assert.Equal(secret, (await StoredAsync(id)).Secret);
    }

    [Theory]
    [InlineData(60, 60)]
    [InlineData(0, -1)]
    [InlineData(604800, 604800)]
    public async Task Rotate_OverlapGiven_OldSecretExpiresThen(long overlapSeconds, long expectedSeconds)
    {
        var (id, _) = await _tenant.CreateSubscriptionAsync("https://example.com/hook");

        using var response = await _tenant.SendAsync(HttpMethod.Post, $"/api/subscriptions/{id}/secret/rotate", new { overlapSeconds });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (expectedSeconds < 0) Assert.Null(body!["previousSecrets"]);
        else Assert.Equal(_time.GetUtcNow().AddSeconds(expectedSeconds), body!["previousSecrets"]![0]!["expiresAt"]!.GetValue<DateTimeOffset>());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(604801)]
    public async Task Rotate_OverlapOutOfRange_400AndSecretKept(long overlapSeconds)
    {
        var (id, old) = await _tenant.CreateSubscriptionAsync("https://example.com/hook");

        using var response = await _tenant.SendAsync(HttpMethod.Post, $"/api/subscriptions/{id}/secret/rotate", new { overlapSeconds });
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("overlapSeconds must be 0 to 604800 (7 days).", problem!["errors"]!["overlapSeconds"]![0]!.GetValue<string>());
        Assert.Equal(old, (await StoredAsync(id)).Secret);
    }

    [Fact]
    public async Task Rotate_OtherTenantsSubscription_404AndSecretKept()
    {
        var (id, old) = await _tenant.CreateSubscriptionAsync("https://example.com/hook");
        var other = await _hub.CreateTenantAsync("other");

        using var response = await other.SendAsync(HttpMethod.Post, $"/api/subscriptions/{id}/secret/rotate");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(old, (await StoredAsync(id)).Secret);
    }

    [Fact]
    public async Task Rotate_ReceiverWithOldSecret_VerifiesDuringOverlap_FailsAfter()
    {
        var (id, old) = await _tenant.CreateSubscriptionAsync(_receiver.UrlFor("hook"));
        _receiver.Expect("hook", old); // the receiver has not switched yet
        var secret = await RotateAsync(id);

        var eventId = await IngestAsync();
        var during = await NextArrivalAsync();
        _time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        await ReplayAsync(eventId);
        var after = await NextArrivalAsync();

        Assert.True(during.Delivery.SignatureValid);
        Assert.Equal(2, during.Headers["webhook-signature"].Split(' ').Length);
        Assert.Equal(VerificationStatus.Verified, Verify(during, old));
        Assert.Equal(VerificationStatus.Verified, Verify(during, secret));
        Assert.False(after.Delivery.SignatureValid);
        Assert.Single(after.Headers["webhook-signature"].Split(' '));
        Assert.Equal(VerificationStatus.InvalidSignature, Verify(after, old));
        Assert.Equal(VerificationStatus.Verified, Verify(after, secret));
    }

    [Fact]
    public async Task Patch_AfterRotation_DoesNotBringTheOldSecretBack()
    {
        var (id, old) = await _tenant.CreateSubscriptionAsync("https://example.com/hook");
        var secret = await RotateAsync(id);

        using var patch = await _tenant.SendAsync(HttpMethod.Patch, $"/api/subscriptions/{id}", new { url = "https://example.com/other" });
        var stored = await StoredAsync(id);

        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal(secret, stored.Secret);
        Assert.Equal([old], stored.SigningKeys.ActivePreviousSecrets(_time.GetUtcNow()));
    }

    [Fact]
    public async Task Create_PublishesEd25519PublicKey_SecretKeyNeverShown()
    {
        using var created = await _tenant.SendAsync(HttpMethod.Post, "/api/subscriptions", new { url = "https://example.com/hook" });
        var createdText = await created.Content.ReadAsStringAsync();
        var id = JsonNode.Parse(createdText)!["id"]!.GetValue<string>();
        var shown = await _tenant.GetJsonAsync($"/api/subscriptions/{id}");
        var listed = await _tenant.ListAsync("/api/subscriptions");
        var stored = await StoredAsync(id);

        var publicKey = shown["publicKey"]!.GetValue<string>();
        Assert.Equal(stored.SigningKeys.Ed25519PublicKey, publicKey);
        Assert.StartsWith("whpk_", publicKey);
        Assert.Equal(32, Convert.FromBase64String(publicKey["whpk_".Length..]).Length);
        StandardWebhooks.ValidateSecret(publicKey); // accepted as a Standard Webhooks source secret as it is
        var secretKey = stored.SigningKeys.Ed25519SecretKey!;
        Assert.StartsWith("whsk_", secretKey);
        foreach (var text in new[] { createdText, shown.ToJsonString(), listed.ToJsonString() })
        {
            Assert.DoesNotContain(secretKey["whsk_".Length..], text);
            Assert.DoesNotContain("whsk_", text);
        }
    }

    [Fact]
    public async Task SchemeV1a_DeliverySignedWithEd25519_VerifiedWithPublishedKeyOnly()
    {
        var (id, secret) = await _tenant.CreateSubscriptionAsync(_receiver.UrlFor("hook"));
        using var patch = await _tenant.SendAsync(HttpMethod.Patch, $"/api/subscriptions/{id}", new { settings = new { signatureScheme = "v1a" } });
        var publicKey = (await _tenant.GetJsonAsync($"/api/subscriptions/{id}"))["publicKey"]!.GetValue<string>();

        await IngestAsync();
        var arrival = await NextArrivalAsync();

        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.StartsWith("v1a,", arrival.Headers["webhook-signature"]);
        Assert.Equal(VerificationStatus.Verified, Verify(arrival, publicKey));
        Assert.Equal(VerificationStatus.InvalidSignature, Verify(arrival, secret));
    }

    [Fact]
    public async Task SchemeBoth_AtCreation_V1AndV1aInOneHeader()
    {
        using var created = await _tenant.SendAsync(HttpMethod.Post, "/api/subscriptions",
            new { url = _receiver.UrlFor("hook"), settings = new { signatureScheme = "both" } });
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        _receiver.Expect("hook", body["secret"]!.GetValue<string>());

        await IngestAsync();
        var arrival = await NextArrivalAsync();

        Assert.Equal("both", body["settings"]!["signatureScheme"]!.GetValue<string>());
        Assert.True(arrival.Delivery.SignatureValid);
        Assert.Equal(["v1", "v1a"], arrival.Headers["webhook-signature"].Split(' ').Select(s => s[..s.IndexOf(',')]));
        Assert.Equal(VerificationStatus.Verified, Verify(arrival, body["publicKey"]!.GetValue<string>()));
        Assert.Equal(VerificationStatus.Verified, Verify(arrival, body["secret"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("v2")]
    [InlineData("V1A")]
    [InlineData("")]
    public async Task Patch_UnknownScheme_400(string scheme)
    {
        var (id, _) = await _tenant.CreateSubscriptionAsync("https://example.com/hook");

        using var response = await _tenant.SendAsync(HttpMethod.Patch, $"/api/subscriptions/{id}", new { settings = new { signatureScheme = scheme } });
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("signatureScheme must be 'v1', 'v1a' or 'both'.", problem!["errors"]!["settings.signatureScheme"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task SubscriptionWithoutKeyPair_TurningV1aOn_GetsOneAndDeliversVerifiably()
    {
        // As stored by a build before Ed25519 signing: no key pair in its signing_keys column.
        var id = ApiKeys.NewId("sub");
        var secret = ApiKeys.CreateSigningSecret();
        await Store.CreateSubscriptionAsync(new Subscription(id, _tenant.Id, _receiver.UrlFor("hook"), ["*"], [], secret, true, _time.GetUtcNow()));
        Assert.Null((await _tenant.GetJsonAsync($"/api/subscriptions/{id}"))["publicKey"]);

        using var patch = await _tenant.SendAsync(HttpMethod.Patch, $"/api/subscriptions/{id}", new { settings = new { signatureScheme = "v1a" } });
        var publicKey = (await patch.Content.ReadFromJsonAsync<JsonObject>())!["publicKey"]!.GetValue<string>();
        await IngestAsync();
        var arrival = await NextArrivalAsync();

        Assert.Equal(publicKey, (await _tenant.GetJsonAsync($"/api/subscriptions/{id}"))["publicKey"]!.GetValue<string>());
        Assert.Equal(secret, (await StoredAsync(id)).Secret);
        Assert.Equal(VerificationStatus.Verified, Verify(arrival, publicKey));
    }

    private ITenantStore Store => _hub.Services.GetRequiredService<ITenantStore>();

    private async Task<Subscription> StoredAsync(string id) => (await Store.GetSubscriptionAsync(_tenant.Id, id))!;

    private async Task<string> RotateAsync(string id)
    {
        using var response = await _tenant.SendAsync(HttpMethod.Post, $"/api/subscriptions/{id}/secret/rotate");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["secret"]!.GetValue<string>();
    }

    private async Task<string> IngestAsync()
    {
        using var response = await IngestClient.PostAsync(_hub.Client, _source, GitHub.Body, GitHub.Headers);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return IngestClient.Problem(response).GetProperty("eventId").GetString()!;
    }

    private async Task ReplayAsync(string eventId)
    {
        using var response = await _tenant.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/replay");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private async Task<Arrival> NextArrivalAsync()
    {
        Arrival? arrival = null;
        await TaskTimeouts.Eventually(() => Task.FromResult(_arrivals.TryDequeue(out arrival)), "a delivery arrived");
        return arrival!;
    }

    /// <summary>What a Standard Webhooks receiver holding only <paramref name="secret"/> (whsec_ or whpk_) concluded when the delivery arrived.</summary>
    private static VerificationStatus Verify(Arrival arrival, string secret)
    {
        var verifier = ProviderCatalog.Default.CreateVerifier("standardwebhooks", new Dictionary<string, string>());
        var request = new WebhookRequest(new DictionaryHeaders(arrival.Headers), arrival.Delivery.Body);
        return verifier.Verify(request, [secret], arrival.At).Status;
    }
}
