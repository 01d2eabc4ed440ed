using Microsoft.Extensions.Logging;

namespace WebhookHub.Azure.KeyVault;

/// <summary>
/// An <see cref="ISecretVault"/> that keeps what it reads (and writes) in memory for <see cref="KeyVaultOptions.CacheTtl"/> on the
/// host's <see cref="TimeProvider"/>, then reads the latest version again, so a new version set in the vault is used within the
/// time to live without a restart. Concurrent reads of one reference that miss the cache share one vault call. When a refresh
/// fails, the value already read is served for up to <see cref="KeyVaultOptions.RefreshGracePeriod"/> past its time to live,
/// with a warning (name and error only, never the value) and a new attempt at most every 30 seconds; after that, or when there
/// is no value yet, the read fails with the vault's exception. Thread-safe.
/// </summary>
internal sealed class CachedSecretVault : ISecretVault
{
    private readonly ISecretVault _inner;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly TimeSpan _ttl;
    private readonly TimeSpan _grace;
    private readonly TimeSpan _retryInterval;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Creates the cache over <paramref name="inner"/>; the options are copied, so later changes do not reach it.</summary>
    public CachedSecretVault(ISecretVault inner, KeyVaultOptions options, TimeProvider timeProvider, ILogger<CachedSecretVault> logger)
    {
        _inner = inner;
        _timeProvider = timeProvider;
        _logger = logger;
        _ttl = options.CacheTtl;
        _grace = options.RefreshGracePeriod;
        _retryInterval = options.CacheTtl < KeyVaultDefaults.RefreshRetryInterval ? options.CacheTtl : KeyVaultDefaults.RefreshRetryInterval;
    }

    /// <inheritdoc/>
    public async Task<string> PutAsync(string name, string value, CancellationToken cancellationToken = default)
    {
        var reference = await _inner.PutAsync(name, value, cancellationToken).ConfigureAwait(false);
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            // A read that started before this write may still finish; it is the older version, so it must not overwrite this one.
            var entry = EntryFor(reference);
            entry.Value = value;
            entry.ReadAt = now;
            entry.RefreshAt = now + _ttl;
            entry.Generation++;
        }

        return reference;
    }

    /// <inheritdoc/>
    public Task<string> GetAsync(string reference, CancellationToken cancellationToken = default)
    {
        if (!SecretReference.IsReference(reference)) throw new ArgumentException("Not a Key Vault secret reference.", nameof(reference));

        Task<string> pending;
        TaskCompletionSource<string>? refresh = null;
        long generation;
        lock (_gate)
        {
            var entry = EntryFor(reference);
            if (entry.Value is { } cached && _timeProvider.GetUtcNow() < entry.RefreshAt) return Task.FromResult(cached);
            if (entry.Refresh is null)
            {
                refresh = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                entry.Refresh = refresh.Task;
            }

            pending = entry.Refresh;
            generation = entry.Generation;
        }

        // The call is shared by every reader waiting for it, so no single reader's cancellation may end it.
        if (refresh is not null) _ = RefreshAsync(reference, refresh, generation);
        return pending.WaitAsync(cancellationToken);
    }

    private async Task RefreshAsync(string reference, TaskCompletionSource<string> refresh, long generation)
    {
        string value;
        try
        {
            value = await _inner.GetAsync(reference, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            if (Fallback(reference, exception, generation) is { } stale) refresh.SetResult(stale);
            else refresh.SetException(exception);
            return;
        }

        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            var entry = EntryFor(reference);
            entry.Refresh = null;
            if (entry.Generation == generation)
            {
                entry.Value = value;
                entry.ReadAt = now;
                entry.RefreshAt = now + _ttl;
            }
            else
            {
                value = entry.Value!;
            }
        }

        refresh.SetResult(value);
    }

    /// <summary>After a failed read: the value to serve while within the grace period (and when to try again), else null.</summary>
    private string? Fallback(string reference, Exception exception, long generation)
    {
        var now = _timeProvider.GetUtcNow();
        string? stale;
        DateTimeOffset readAt;
        lock (_gate)
        {
            var entry = EntryFor(reference);
            entry.Refresh = null;
            if (entry.Generation != generation && entry.Value is not null) return entry.Value;
            stale = entry.Value;
            readAt = entry.ReadAt;
            if (stale is not null && now < readAt + _ttl + _grace)
            {
                entry.RefreshAt = Min(now + _retryInterval, readAt + _ttl + _grace);
            }
            else
            {
                stale = null;
            }
        }

        if (stale is null)
        {
            KeyVaultLog.SecretReadFailed(_logger, Name(reference), exception);
            return null;
        }

        KeyVaultLog.ServingStaleSecret(_logger, Name(reference), now - readAt, exception);
        return stale;
    }

    private Entry EntryFor(string reference)
    {
        if (!_entries.TryGetValue(reference, out var entry)) _entries[reference] = entry = new Entry();
        return entry;
    }

    private static string Name(string reference) => reference[SecretReference.Prefix.Length..];

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>What is known of one secret; guarded by <c>_gate</c>.</summary>
    private sealed class Entry
    {
        public string? Value;
        public DateTimeOffset ReadAt;
        public DateTimeOffset RefreshAt;
        public Task<string>? Refresh;
        public long Generation;
    }
}
