using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using WebhookHub.Azure.KeyVault;
using WebhookHub.Delivery;
using WebhookHub.Storage.Sqlite;
using WebhookHub.Tenancy;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Azure.KeyVault;

/// <summary>
/// The Key Vault decorator over a real SQLite store: secret values go to the vault (a fake <c>SecretClient</c>) and never
/// into the database file; reads give values back; rotation keeps its compare-and-swap.
/// </summary>
public sealed class KeyVaultTenantStoreTests : IAsyncLifetime
{
    private const string Tenant = "ten_a";
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "webhookhub-tests", Guid.NewGuid().ToString("n"));
    private readonly FakeTimeProvider _time = new(Now);
    private readonly FakeSecretClient _client = new();
    private SqliteWebhookStore _inner = null!;
    private KeyVaultTenantStore _store = null!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _inner = new SqliteWebhookStore(new SqliteStoreOptions { Path = Path.Combine(_directory, "store.db") });
        var vault = new CachedSecretVault(new KeyVaultSecretVault(_client), new KeyVaultOptions { VaultUri = FakeSecretClient.Vault }, _time, NullLogger<CachedSecretVault>.Instance);
        _store = new KeyVaultTenantStore(_inner, new SigningSecretReferences(vault));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _inner.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Whether any file of the database (main file, WAL, shared memory) holds <paramref name="text"/> as UTF-8.</summary>
    private bool DatabaseContains(string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        return Directory.EnumerateFiles(_directory).Any(file =>
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray().AsSpan().IndexOf(needle) >= 0;
        });
    }

    private static Source NewSource(params string[] values) => new(
        ApiKeys.NewId("src"), Tenant, "stripe", "stripe",
        values.Select(v => new SourceSecret(ApiKeys.NewId("sec"), v, Now, null)).ToArray(), new Dictionary<string, string>(), Now);

    private static Subscription NewSubscription(string secret, string ed25519 = "whsk_EdSecretKeyValue0001") =>
        new(ApiKeys.NewId("sub"), Tenant, "https://example.com/hook", ["*"], [], secret, true, Now)
        {
            SigningKeys = new SubscriptionSigningKeys { Ed25519SecretKey = ed25519, Ed25519PublicKey = "whpk_PublicKeyStaysInStore" },
        };

    [Fact]
    public async Task CreateSource_SecretsGoToVault_DatabaseHoldsOnlyReferences()
    {
        var source = NewSource("stripe_secret_AAAA1111", "stripe_secret_BBBB2222");

        await _store.CreateSourceAsync(source).DefaultTimeout();

        var raw = (await _inner.GetSourceAsync(source.Id))!;
        Assert.Equal(
            source.Secrets.Select(s => $"kv:source-{source.Id.Replace('_', '-')}-{s.Id.Replace('_', '-')}"),
            raw.Secrets.Select(s => s.Value));
        Assert.Equal(["stripe_secret_AAAA1111", "stripe_secret_BBBB2222"], _client.Sets.Select(s => s.Value));
        Assert.False(DatabaseContains("stripe_secret_AAAA1111"));
        Assert.False(DatabaseContains("stripe_secret_BBBB2222"));
        Assert.True(DatabaseContains("kv:source-"));
    }

    [Fact]
    public async Task GetAndListSources_ReturnValues_NeverReferences()
    {
        var source = NewSource("stripe_secret_AAAA1111");
        await _store.CreateSourceAsync(source).DefaultTimeout();

        var read = (await _store.GetSourceAsync(source.Id).DefaultTimeout())!;
        var listed = Assert.Single(await _store.ListSourcesAsync(Tenant).DefaultTimeout());

        Assert.Equal(source.Secrets, read.Secrets);
        Assert.Equal(source.Secrets, listed.Secrets);
    }

    [Fact]
    public async Task GetSource_StoredBeforeVaultConfigured_PlainValuePassesThrough()
    {
        var legacy = NewSource("legacy_plain_secret");
        await _inner.CreateSourceAsync(legacy);

        var read = (await _store.GetSourceAsync(legacy.Id).DefaultTimeout())!;

        Assert.Equal("legacy_plain_secret", Assert.Single(read.Secrets).Value);
        Assert.Empty(_client.Gets);
    }

    [Fact]
    public async Task UpdateSourceSecrets_AddOneExpireOne_OnlyNewValueWrittenAndLegacyMoved()
    {
        var legacy = NewSource("legacy_plain_secret");
        await _inner.CreateSourceAsync(legacy);
        var added = new SourceSecret(ApiKeys.NewId("sec"), "added_secret_CCCC3333", Now, null);
        Assert.True(await _store.UpdateSourceSecretsAsync(Tenant, legacy.Id, [.. legacy.Secrets, added]).DefaultTimeout());
        var setsAfterAdd = _client.Sets.Count;

        var current = (await _store.GetSourceAsync(legacy.Id).DefaultTimeout())!;
        var expired = current.Secrets.Select(s => s with { ExpiresAt = Now.AddHours(1) }).ToArray();
        Assert.True(await _store.UpdateSourceSecretsAsync(Tenant, legacy.Id, expired).DefaultTimeout());

        Assert.Equal(2, setsAfterAdd);
        Assert.Equal(2, _client.Sets.Count);
        var raw = (await _inner.GetSourceAsync(legacy.Id))!;
        Assert.All(raw.Secrets, s => Assert.StartsWith("kv:source-", s.Value));
        Assert.All(raw.Secrets, s => Assert.Equal(Now.AddHours(1), s.ExpiresAt));
        Assert.Equal(["legacy_plain_secret", "added_secret_CCCC3333"], (await _store.GetSourceAsync(legacy.Id))!.Secrets.Select(s => s.Value));
    }

    [Fact]
    public async Task UpdateSourceSecrets_OtherTenantsSource_FalseAndNothingWritten()
    {
        var source = NewSource("stripe_secret_AAAA1111");
        await _store.CreateSourceAsync(source).DefaultTimeout();
        var sets = _client.Sets.Count;

        var updated = await _store.UpdateSourceSecretsAsync("ten_other", source.Id, [new SourceSecret("sec_x", "intruder_secret", Now, null)]).DefaultTimeout();

        Assert.False(updated);
        Assert.Equal(sets, _client.Sets.Count);
        Assert.DoesNotContain("intruder_secret", _client.AllValues);
    }

    [Fact]
    public async Task CreateSubscription_SecretAndEd25519KeyInVault_PublicKeyInStore()
    {
        var subscription = NewSubscription("whsec_SubscriptionSecretValue0001");

        await _store.CreateSubscriptionAsync(subscription).DefaultTimeout();

        var raw = (await _inner.GetSubscriptionAsync(Tenant, subscription.Id))!;
        Assert.StartsWith($"kv:subscription-{subscription.Id.Replace('_', '-')}-secret-", raw.Secret);
        Assert.StartsWith($"kv:subscription-{subscription.Id.Replace('_', '-')}-ed25519-", raw.SigningKeys.Ed25519SecretKey);
        Assert.Equal("whpk_PublicKeyStaysInStore", raw.SigningKeys.Ed25519PublicKey);
        Assert.False(DatabaseContains("whsec_SubscriptionSecretValue0001"));
        Assert.False(DatabaseContains("whsk_EdSecretKeyValue0001"));
        var read = (await _store.GetSubscriptionAsync(Tenant, subscription.Id).DefaultTimeout())!;
        Assert.Equal(subscription.Secret, read.Secret);
        Assert.Equal(subscription.SigningKeys, read.SigningKeys);
    }

    [Fact]
    public async Task UpdateSubscriptionSigning_Rotation_OldSecretKeepsItsReferenceNewOneWrittenOnce()
    {
        var subscription = NewSubscription("whsec_SubscriptionSecretValue0001");
        await _store.CreateSubscriptionAsync(subscription).DefaultTimeout();
        var before = (await _inner.GetSubscriptionAsync(Tenant, subscription.Id))!;
        var rotated = SecretRotation.Rotate(subscription, "whsec_RotatedSecretValue0002", TimeSpan.FromHours(24), Now);
        var sets = _client.Sets.Count;

        var swapped = await _store.UpdateSubscriptionSigningAsync(Tenant, subscription.Id, subscription.Secret, rotated.Secret, rotated.SigningKeys).DefaultTimeout();

        Assert.True(swapped);
        Assert.Equal(["whsec_RotatedSecretValue0002"], _client.Sets.Skip(sets).Select(s => s.Value));
        var raw = (await _inner.GetSubscriptionAsync(Tenant, subscription.Id))!;
        Assert.NotEqual(before.Secret, raw.Secret);
        Assert.Equal(before.Secret, Assert.Single(raw.SigningKeys.PreviousSecrets).Value);
        Assert.Equal(before.SigningKeys.Ed25519SecretKey, raw.SigningKeys.Ed25519SecretKey);
        Assert.False(DatabaseContains("whsec_RotatedSecretValue0002"));
        var read = (await _store.GetSubscriptionAsync(Tenant, subscription.Id).DefaultTimeout())!;
        Assert.Equal("whsec_RotatedSecretValue0002", read.Secret);
        Assert.Equal([new RetiringSecret("whsec_SubscriptionSecretValue0001", Now.AddHours(24))], read.SigningKeys.PreviousSecrets);
    }

    [Fact]
    public async Task UpdateSubscriptionSigning_ExpectedSecretStale_FalseStoreUnchangedNothingWritten()
    {
        var subscription = NewSubscription("whsec_SubscriptionSecretValue0001");
        await _store.CreateSubscriptionAsync(subscription).DefaultTimeout();
        var before = (await _inner.GetSubscriptionAsync(Tenant, subscription.Id))!;
        var sets = _client.Sets.Count;

        var swapped = await _store.UpdateSubscriptionSigningAsync(Tenant, subscription.Id, "whsec_NotTheCurrentOne", "whsec_Lost", new SubscriptionSigningKeys()).DefaultTimeout();

        Assert.False(swapped);
        Assert.Equal(sets, _client.Sets.Count);
        Assert.Equal(before.Secret, (await _inner.GetSubscriptionAsync(Tenant, subscription.Id))!.Secret);
    }

    [Fact]
    public async Task UpdateSubscriptionSigning_TwoConcurrentRotations_ExactlyOneWins()
    {
        var subscription = NewSubscription("whsec_SubscriptionSecretValue0001");
        await _store.CreateSubscriptionAsync(subscription).DefaultTimeout();
        var first = SecretRotation.Rotate(subscription, "whsec_FirstRotation", TimeSpan.FromHours(1), Now);
        var second = SecretRotation.Rotate(subscription, "whsec_SecondRotation", TimeSpan.FromHours(1), Now);

        var results = await Task.WhenAll(
            Task.Run(() => _store.UpdateSubscriptionSigningAsync(Tenant, subscription.Id, subscription.Secret, first.Secret, first.SigningKeys)),
            Task.Run(() => _store.UpdateSubscriptionSigningAsync(Tenant, subscription.Id, subscription.Secret, second.Secret, second.SigningKeys))).DefaultTimeout();

        Assert.Single(results, r => r);
        var winner = results[0] ? "whsec_FirstRotation" : "whsec_SecondRotation";
        var read = (await _store.GetSubscriptionAsync(Tenant, subscription.Id).DefaultTimeout())!;
        Assert.Equal(winner, read.Secret);
        Assert.Equal("whsec_SubscriptionSecretValue0001", Assert.Single(read.SigningKeys.PreviousSecrets).Value);
    }

    [Fact]
    public async Task UpdateSubscriptionSigning_SameSecretNewKey_OnlyKeyWritten()
    {
        var subscription = NewSubscription("whsec_SubscriptionSecretValue0001") with { SigningKeys = new SubscriptionSigningKeys() };
        await _store.CreateSubscriptionAsync(subscription).DefaultTimeout();
        var before = (await _inner.GetSubscriptionAsync(Tenant, subscription.Id))!;
        var sets = _client.Sets.Count;
        var keys = new SubscriptionSigningKeys { Ed25519SecretKey = "whsk_AddedLater", Ed25519PublicKey = "whpk_AddedLater" };

        Assert.True(await _store.UpdateSubscriptionSigningAsync(Tenant, subscription.Id, subscription.Secret, subscription.Secret, keys).DefaultTimeout());

        Assert.Equal(["whsk_AddedLater"], _client.Sets.Skip(sets).Select(s => s.Value));
        Assert.Equal(before.Secret, (await _inner.GetSubscriptionAsync(Tenant, subscription.Id))!.Secret);
    }

    [Fact]
    public async Task UpdateSubscriptionSigning_LegacyPlainSecret_RotationMovesEverythingToVault()
    {
        var legacy = NewSubscription("whsec_LegacyPlainSecret");
        await _inner.CreateSubscriptionAsync(legacy);
        var rotated = SecretRotation.Rotate(legacy, "whsec_AfterVault", TimeSpan.FromHours(1), Now);

        Assert.True(await _store.UpdateSubscriptionSigningAsync(Tenant, legacy.Id, "whsec_LegacyPlainSecret", rotated.Secret, rotated.SigningKeys).DefaultTimeout());

        var raw = (await _inner.GetSubscriptionAsync(Tenant, legacy.Id))!;
        Assert.True(SecretReference.IsReference(raw.Secret));
        Assert.True(SecretReference.IsReference(Assert.Single(raw.SigningKeys.PreviousSecrets).Value));
        Assert.True(SecretReference.IsReference(raw.SigningKeys.Ed25519SecretKey));
        Assert.Equal("whsec_LegacyPlainSecret", (await _store.GetSubscriptionAsync(Tenant, legacy.Id))!.SigningKeys.PreviousSecrets[0].Value);
    }

    [Fact]
    public async Task UpdateSubscription_ValuesInArgument_InnerStoreGetsStoredReferences()
    {
        var subscription = NewSubscription("whsec_SubscriptionSecretValue0001");
        await _store.CreateSubscriptionAsync(subscription).DefaultTimeout();
        var recording = new RecordingTenantStore(_inner);
        var store = new KeyVaultTenantStore(recording, new SigningSecretReferences(new KeyVaultSecretVault(_client)));

        Assert.True(await store.UpdateSubscriptionAsync(subscription with { Url = "https://example.com/moved" }).DefaultTimeout());

        var passed = Assert.Single(recording.Updated);
        Assert.True(SecretReference.IsReference(passed.Secret));
        Assert.True(SecretReference.IsReference(passed.SigningKeys.Ed25519SecretKey));
        Assert.Equal("https://example.com/moved", (await _store.GetSubscriptionAsync(Tenant, subscription.Id))!.Url);
    }

    [Fact]
    public async Task ClaimDue_DeliveryStoreDecorator_JobSubscriptionCarriesValues()
    {
        var subscription = NewSubscription("whsec_SubscriptionSecretValue0001");
        await _store.CreateSubscriptionAsync(subscription).DefaultTimeout();
        var webhookEvent = new WebhookHub.Ingestion.WebhookEvent(
            "evt_1", Tenant, "src_1", "p-1", "invoice.paid", "application/json", "{}"u8.ToArray(), Now);
        await _inner.AppendAsync(webhookEvent);
        await _inner.CompleteDispatchAsync(["evt_1"], WebhookHub.Routing.FanOut.Plan(webhookEvent, [subscription], Now));
        var deliveries = new KeyVaultDeliveryStore(_inner, new SigningSecretReferences(new KeyVaultSecretVault(_client)));

        var job = Assert.Single(await deliveries.ClaimDueAsync(10, Now, TimeSpan.FromMinutes(1)).DefaultTimeout());

        Assert.Equal("whsec_SubscriptionSecretValue0001", job.Subscription.Secret);
        Assert.Equal("whsk_EdSecretKeyValue0001", job.Subscription.SigningKeys.Ed25519SecretKey);
    }

    /// <summary>Passes everything to a real store and records the subscriptions handed to <see cref="UpdateSubscriptionAsync"/>.</summary>
    private sealed class RecordingTenantStore(ITenantStore inner) : ITenantStore
    {
        public List<Subscription> Updated { get; } = [];

        public Task CreateTenantAsync(Tenant tenant, byte[] apiKeyHash, CancellationToken cancellationToken = default) => inner.CreateTenantAsync(tenant, apiKeyHash, cancellationToken);
        public Task<Tenant?> FindTenantByApiKeyHashAsync(byte[] apiKeyHash, CancellationToken cancellationToken = default) => inner.FindTenantByApiKeyHashAsync(apiKeyHash, cancellationToken);
        public Task CreateSourceAsync(Source source, CancellationToken cancellationToken = default) => inner.CreateSourceAsync(source, cancellationToken);
        public Task<Source?> GetSourceAsync(string sourceId, CancellationToken cancellationToken = default) => inner.GetSourceAsync(sourceId, cancellationToken);
        public Task<bool> UpdateSourceSecretsAsync(string tenantId, string sourceId, IReadOnlyList<SourceSecret> secrets, CancellationToken cancellationToken = default) => inner.UpdateSourceSecretsAsync(tenantId, sourceId, secrets, cancellationToken);
        public Task<IReadOnlyList<Source>> ListSourcesAsync(string tenantId, CancellationToken cancellationToken = default) => inner.ListSourcesAsync(tenantId, cancellationToken);
        public Task CreateSubscriptionAsync(Subscription subscription, CancellationToken cancellationToken = default) => inner.CreateSubscriptionAsync(subscription, cancellationToken);
        public Task<Subscription?> GetSubscriptionAsync(string tenantId, string subscriptionId, CancellationToken cancellationToken = default) => inner.GetSubscriptionAsync(tenantId, subscriptionId, cancellationToken);

        public Task<bool> UpdateSubscriptionAsync(Subscription subscription, CancellationToken cancellationToken = default)
        {
            Updated.Add(subscription);
            return inner.UpdateSubscriptionAsync(subscription, cancellationToken);
        }

        public Task<bool> UpdateSubscriptionSigningAsync(string tenantId, string subscriptionId, string expectedSecret, string secret, SubscriptionSigningKeys signingKeys, CancellationToken cancellationToken = default) =>
            inner.UpdateSubscriptionSigningAsync(tenantId, subscriptionId, expectedSecret, secret, signingKeys, cancellationToken);
        public Task<bool> UpdateSubscriptionHealthAsync(string tenantId, string subscriptionId, bool active, SubscriptionHealth health, CancellationToken cancellationToken = default) =>
            inner.UpdateSubscriptionHealthAsync(tenantId, subscriptionId, active, health, cancellationToken);
        public Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(string tenantId, CancellationToken cancellationToken = default) => inner.ListSubscriptionsAsync(tenantId, cancellationToken);
    }
}
