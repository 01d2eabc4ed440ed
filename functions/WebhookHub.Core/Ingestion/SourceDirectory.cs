using System.Collections.Concurrent;
using WebhookHub.Providers;
using WebhookHub.Tenancy;

namespace WebhookHub.Ingestion;

/// <summary>
/// In-memory cache of sources and their verifiers for the ingest path, so a webhook costs no store read.
/// Entries live for <see cref="TimeToLive"/> (other instances may change a source) and are dropped at once by
/// <see cref="Invalidate"/> when this instance changes one. Unknown IDs are cached too, so probing costs no store read either.
/// Thread-safe.
/// </summary>
public sealed class SourceDirectory(ITenantStore store, ProviderCatalog catalog, TimeProvider timeProvider)
{
    /// <summary>How long an entry is trusted: 30 seconds.</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Returns the source and its verifier, or <see langword="null"/> when no source has this ID.</summary>
    /// <exception cref="ProviderOptionsException">The stored source's options no longer build a verifier.</exception>
    public async ValueTask<SourceEntry?> FindAsync(string sourceId, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        if (_entries.TryGetValue(sourceId, out var cached) && cached.ExpiresAt > now) return cached.Value;

        var source = await store.GetSourceAsync(sourceId, cancellationToken).ConfigureAwait(false);
        var value = source is null ? null : new SourceEntry(source, catalog.CreateVerifier(source.Provider, source.Options));
        _entries[sourceId] = new Entry(value, now + TimeToLive);
        return value;
    }

    /// <summary>Forgets a source so the next lookup reads the store.</summary>
    public void Invalidate(string sourceId) => _entries.TryRemove(sourceId, out _);

    private sealed record Entry(SourceEntry? Value, DateTimeOffset ExpiresAt);
}

/// <summary>A source with the verifier built from its provider and options.</summary>
/// <param name="Source">The source.</param>
/// <param name="Verifier">Its verifier.</param>
public sealed record SourceEntry(Source Source, IWebhookVerifier Verifier);
