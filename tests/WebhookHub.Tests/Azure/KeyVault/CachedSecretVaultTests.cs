using Azure;
using WebhookHub.Azure.KeyVault;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Azure.KeyVault;

/// <summary>The secret cache over the Key Vault SDK (a fake <c>SecretClient</c>) on a fake clock: time to live, new versions,
/// grace on failure, one call for concurrent misses.</summary>
public sealed class CachedSecretVaultTests
{
    private const string Name = "source-src-1-sec-1";
    private const string Reference = "kv:" + Name;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeSecretClient _client = new();
    private readonly RecordingLogger<CachedSecretVault> _logger = new();

    private CachedSecretVault CreateVault(KeyVaultOptions? options = null) =>
        new(new KeyVaultSecretVault(_client), options ?? new KeyVaultOptions { VaultUri = FakeSecretClient.Vault }, _time, _logger);

    [Fact]
    public async Task GetAsync_WithinTtl_ReadsVaultOnce()
    {
        _client.SetByOperator(Name, "whsec_one");
        var vault = CreateVault();

        var first = await vault.GetAsync(Reference).DefaultTimeout();
        _time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        var second = await vault.GetAsync(Reference).DefaultTimeout();

        Assert.Equal("whsec_one", first);
        Assert.Equal("whsec_one", second);
        Assert.Equal(1, _client.GetCount(Name));
    }

    [Fact]
    public async Task GetAsync_NewVersionSetInVault_ReturnedOnceTtlHasPassed()
    {
        _client.SetByOperator(Name, "whsec_one");
        var vault = CreateVault(new KeyVaultOptions { VaultUri = FakeSecretClient.Vault, CacheTtl = TimeSpan.FromMinutes(2) });
        await vault.GetAsync(Reference).DefaultTimeout();

        _client.SetByOperator(Name, "whsec_two");
        _time.Advance(TimeSpan.FromMinutes(1));
        var beforeTtl = await vault.GetAsync(Reference).DefaultTimeout();
        _time.Advance(TimeSpan.FromMinutes(1));
        var afterTtl = await vault.GetAsync(Reference).DefaultTimeout();

        Assert.Equal("whsec_one", beforeTtl);
        Assert.Equal("whsec_two", afterTtl);
        Assert.Equal(2, _client.GetCount(Name));
    }

    [Fact]
    public async Task GetAsync_RefreshFails_ServesCachedValueThroughGraceWithWarningThenFails()
    {
        _client.SetByOperator(Name, "whsec_cached");
        var vault = CreateVault(new KeyVaultOptions { VaultUri = FakeSecretClient.Vault, CacheTtl = TimeSpan.FromMinutes(5), RefreshGracePeriod = TimeSpan.FromMinutes(10) });
        await vault.GetAsync(Reference).DefaultTimeout();
        _client.FailGetsWith = new RequestFailedException(503, "Service unavailable", "ServiceUnavailable", null);

        _time.Advance(TimeSpan.FromMinutes(6));
        var duringGrace = await vault.GetAsync(Reference).DefaultTimeout();
        var warning = Assert.Single(_logger.Entries);
        _time.Advance(TimeSpan.FromMinutes(10));
        var error = await Assert.ThrowsAsync<KeyVaultException>(() => vault.GetAsync(Reference).DefaultTimeout());

        Assert.Equal("whsec_cached", duringGrace);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.Equal(8001, warning.Id.Id);
        Assert.Contains(Name, warning.Message);
        Assert.Equal(503, error.Status);
        Assert.Equal("ServiceUnavailable", error.ErrorCode);
        Assert.Equal($"Key Vault get of secret '{Name}' failed: HTTP 503 (ServiceUnavailable).", error.Message);
        Assert.DoesNotContain("whsec_cached", _logger.AllText);
        Assert.DoesNotContain("whsec_cached", error.ToString());
    }

    [Fact]
    public async Task GetAsync_RefreshFailed_AsksVaultAgainOnlyAfterRetryInterval()
    {
        _client.SetByOperator(Name, "whsec_cached");
        var vault = CreateVault();
        await vault.GetAsync(Reference).DefaultTimeout();
        _client.FailGetsWith = new RequestFailedException(500, "boom");
        _time.Advance(TimeSpan.FromMinutes(5));

        for (var i = 0; i < 5; i++) Assert.Equal("whsec_cached", await vault.GetAsync(Reference).DefaultTimeout());
        var callsAfterFailure = _client.GetCount(Name);
        _client.FailGetsWith = null;
        _client.SetByOperator(Name, "whsec_rotated");
        _time.Advance(TimeSpan.FromSeconds(29));
        var stillStale = await vault.GetAsync(Reference).DefaultTimeout();
        _time.Advance(TimeSpan.FromSeconds(1));
        var recovered = await vault.GetAsync(Reference).DefaultTimeout();

        Assert.Equal(2, callsAfterFailure);
        Assert.Equal("whsec_cached", stillStale);
        Assert.Equal("whsec_rotated", recovered);
        Assert.Equal(3, _client.GetCount(Name));
    }

    [Fact]
    public async Task GetAsync_NothingCachedAndVaultFails_ThrowsWithoutGrace()
    {
        _client.SetByOperator(Name, "whsec_never_read");
        _client.FailGetsWith = new RequestFailedException(403, "Forbidden", "Forbidden", null);
        var vault = CreateVault();

        var error = await Assert.ThrowsAsync<KeyVaultException>(() => vault.GetAsync(Reference).DefaultTimeout());

        Assert.Equal(403, error.Status);
        Assert.Equal(8002, Assert.Single(_logger.Entries).Id.Id);
    }

    [Fact]
    public async Task GetAsync_ConcurrentMisses_ShareOneVaultCall()
    {
        _client.SetByOperator(Name, "whsec_shared");
        var vault = CreateVault();
        _client.Hold();

        var reads = Enumerable.Range(0, 8).Select(_ => vault.GetAsync(Reference)).ToArray();
        _client.Release();
        var values = await Task.WhenAll(reads).DefaultTimeout();

        Assert.All(values, v => Assert.Equal("whsec_shared", v));
        Assert.Equal(1, _client.GetCount(Name));
    }

    [Fact]
    public async Task GetAsync_OneWaiterCancelled_SharedReadStillCompletesForOthers()
    {
        _client.SetByOperator(Name, "whsec_shared");
        var vault = CreateVault();
        _client.Hold();
        using var cancel = new CancellationTokenSource();

        var cancelled = vault.GetAsync(Reference, cancel.Token);
        var other = vault.GetAsync(Reference);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.DefaultTimeout());
        _client.Release();

        Assert.Equal("whsec_shared", await other.DefaultTimeout());
        Assert.Equal(1, _client.GetCount(Name));
    }

    [Fact]
    public async Task PutAsync_WritesVersionWithContentTypeAndTag_LaterReadServedFromCache()
    {
        var vault = CreateVault();

        var reference = await vault.PutAsync(Name, "whsec_new").DefaultTimeout();
        var read = await vault.GetAsync(reference).DefaultTimeout();

        Assert.Equal(Reference, reference);
        Assert.Equal("whsec_new", read);
        Assert.Equal(0, _client.GetCount(Name));
        var written = Assert.Single(_client.Sets);
        Assert.Equal(Name, written.Name);
        Assert.Equal("text/plain", written.Properties.ContentType);
        Assert.Equal("WebhookHub", written.Properties.Tags["managed-by"]);
    }

    [Fact]
    public async Task PutAsync_DuringSlowRead_ReadDoesNotOverwriteNewerValue()
    {
        _client.SetByOperator(Name, "whsec_old");
        var vault = CreateVault();
        _client.Hold();
        var slowRead = vault.GetAsync(Reference);

        await vault.PutAsync(Name, "whsec_new").DefaultTimeout();
        _client.Release();
        await slowRead.DefaultTimeout();

        Assert.Equal("whsec_new", await vault.GetAsync(Reference).DefaultTimeout());
    }
}
