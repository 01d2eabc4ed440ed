using WebhookHub.Delivery;
using WebhookHub.Storage.Sqlite;
using WebhookHub.Tenancy;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Storage;

/// <summary>The SQLite columns of the safety features: a subscription's signing keys and an attempt's response headers.</summary>
public sealed class SqliteSigningStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly string _path = Path.Combine(Path.GetTempPath(), "webhookhub-tests", Guid.NewGuid().ToString("n"), "store.db");
    private SqliteWebhookStore _store = null!;

    public Task InitializeAsync()
    {
        _store = Open();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
    }

    private SqliteWebhookStore Open() => new(new SqliteStoreOptions { Path = _path });

    private async Task<Subscription> SubscriptionAsync(string tenant = "ten_a")
    {
        var (secretKey, publicKey) = StandardWebhooksSigner.CreateEd25519Key();
        var subscription = new Subscription(ApiKeys.NewId("sub"), tenant, "https://example.com/h", ["*"], [], ApiKeys.CreateSigningSecret(), true, Now)
        {
            SigningKeys = new SubscriptionSigningKeys { Ed25519SecretKey = secretKey, Ed25519PublicKey = publicKey },
        };
        await _store.CreateSubscriptionAsync(subscription);
        return subscription;
    }

    [Fact]
    public async Task UpdateSubscriptionSigning_ExpectedSecret_StoredAndReadBack()
    {
        var subscription = await SubscriptionAsync();
        var rotated = SecretRotation.Rotate(subscription, ApiKeys.CreateSigningSecret(), TimeSpan.FromHours(24), Now);

        Assert.True(await _store.UpdateSubscriptionSigningAsync("ten_a", subscription.Id, subscription.Secret, rotated.Secret, rotated.SigningKeys));
        await _store.DisposeAsync();
        _store = Open();
        var stored = (await _store.GetSubscriptionAsync("ten_a", subscription.Id))!;

        Assert.Equal(rotated.Secret, stored.Secret);
        Assert.Equal([new RetiringSecret(subscription.Secret, Now.AddHours(24))], stored.SigningKeys.PreviousSecrets);
        Assert.Equal(subscription.SigningKeys.Ed25519SecretKey, stored.SigningKeys.Ed25519SecretKey);
        Assert.Equal(subscription.SigningKeys.Ed25519PublicKey, stored.SigningKeys.Ed25519PublicKey);
    }

    [Fact]
    public async Task UpdateSubscriptionSigning_SecretChangedMeanwhileOrOtherTenant_FalseAndUnchanged()
    {
        var subscription = await SubscriptionAsync();

        Assert.False(await _store.UpdateSubscriptionSigningAsync("ten_a", subscription.Id, "whsec_stale", "whsec_new", new SubscriptionSigningKeys()));
        Assert.False(await _store.UpdateSubscriptionSigningAsync("ten_b", subscription.Id, subscription.Secret, "whsec_new", new SubscriptionSigningKeys()));

        var stored = (await _store.GetSubscriptionAsync("ten_a", subscription.Id))!;
        Assert.Equal(subscription.Secret, stored.Secret);
        Assert.NotNull(stored.SigningKeys.Ed25519SecretKey);
    }

    [Fact]
    public async Task UpdateSubscription_StaleCopy_LeavesSecretAndSigningKeysAlone()
    {
        var subscription = await SubscriptionAsync();
        var rotated = SecretRotation.Rotate(subscription, ApiKeys.CreateSigningSecret(), TimeSpan.FromHours(1), Now);
        await _store.UpdateSubscriptionSigningAsync("ten_a", subscription.Id, subscription.Secret, rotated.Secret, rotated.SigningKeys);

        Assert.True(await _store.UpdateSubscriptionAsync(subscription with { Url = "https://example.com/new", SigningKeys = new SubscriptionSigningKeys() }));

        var stored = (await _store.GetSubscriptionAsync("ten_a", subscription.Id))!;
        Assert.Equal("https://example.com/new", stored.Url);
        Assert.Equal(rotated.Secret, stored.Secret);
        Assert.Single(stored.SigningKeys.PreviousSecrets);
        Assert.NotNull(stored.SigningKeys.Ed25519SecretKey);
    }

    [Fact]
    public async Task ClaimDue_JobCarriesSigningKeys()
    {
        var subscription = await SubscriptionAsync();
        var webhookEvent = new WebhookHub.Ingestion.WebhookEvent(WebhookHub.Ingestion.EventIds.ForEvent("src_1", "evt_1"), "ten_a", "src_1", "evt_1",
            "invoice.paid", "application/json", "{}"u8.ToArray(), Now);
        await _store.AppendAsync(webhookEvent).DefaultTimeout();
        await _store.ReplayAsync([WebhookDelivery.CreatePending(webhookEvent, subscription.Id, Now)], Now);

        var job = Assert.Single(await _store.ClaimDueAsync(10, Now, TimeSpan.FromMinutes(1)));

        Assert.Equal(subscription.SigningKeys.Ed25519PublicKey, job.Subscription.SigningKeys.Ed25519PublicKey);
    }

    [Fact]
    public async Task RecordAttempt_ResponseHeaders_ReadBack()
    {
        var subscription = await SubscriptionAsync();
        var webhookEvent = new WebhookHub.Ingestion.WebhookEvent(WebhookHub.Ingestion.EventIds.ForEvent("src_1", "evt_2"), "ten_a", "src_1", "evt_2",
            "invoice.paid", "application/json", "{}"u8.ToArray(), Now);
        await _store.AppendAsync(webhookEvent).DefaultTimeout();
        var delivery = WebhookDelivery.CreatePending(webhookEvent, subscription.Id, Now);
        await _store.ReplayAsync([delivery], Now);
        var headers = new Dictionary<string, string> { ["x-request-id"] = "req-1", ["set-cookie"] = "[redacted]" };

        await _store.RecordAttemptAsync(delivery with { Status = DeliveryStatus.Succeeded, AttemptCount = 1 },
            new DeliveryAttempt(delivery.Id, 1, Now, 5, 200, null, "ok", DeliveryStatus.Succeeded) { ResponseHeaders = headers });
        await _store.RecordAttemptAsync(delivery with { Status = DeliveryStatus.Failed, AttemptCount = 2 },
            new DeliveryAttempt(delivery.Id, 2, Now, 5, null, "connection reset", null, DeliveryStatus.Failed));

        var attempts = await _store.ListAttemptsAsync("ten_a", delivery.Id);
        Assert.Equal(headers, attempts[0].ResponseHeaders);
        Assert.Null(attempts[1].ResponseHeaders);
    }

    [Fact]
    public async Task Open_FileWithoutSafetyColumns_AddsThemAndKeepsRows()
    {
        var subscription = await SubscriptionAsync();
        await _store.DisposeAsync();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "ALTER TABLE subscriptions DROP COLUMN signing_keys; ALTER TABLE attempts DROP COLUMN response_headers;";
            command.ExecuteNonQuery();
        }

        _store = Open();
        var reopened = (await _store.GetSubscriptionAsync("ten_a", subscription.Id))!;

        Assert.Equal(subscription.Secret, reopened.Secret);
        Assert.Empty(reopened.SigningKeys.PreviousSecrets);
        Assert.Null(reopened.SigningKeys.Ed25519SecretKey);
    }
}
