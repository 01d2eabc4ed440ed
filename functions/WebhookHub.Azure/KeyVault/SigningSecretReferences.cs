using WebhookHub.Tenancy;

namespace WebhookHub.Azure.KeyVault;

/// <summary>
/// Translates signing material between what the app works with (secret values) and what the store keeps (references to
/// vault secrets, <see cref="SecretReference"/>): source secrets, a subscription's secret, its retiring secrets and its Ed25519
/// secret key. Public keys, IDs and expiries stay as they are. Stored values that are not references (kept before a vault was
/// configured) read as themselves and are moved into the vault the next time their record is written. Thread-safe.
/// </summary>
internal sealed class SigningSecretReferences(ISecretVault vault)
{
    /// <summary>The value a stored secret stands for: the vault's latest version for a reference, else the stored text itself.</summary>
    public Task<string> ResolveAsync(string stored, CancellationToken cancellationToken) =>
        SecretReference.IsReference(stored) ? vault.GetAsync(stored, cancellationToken) : Task.FromResult(stored);

    /// <summary>The source with every secret's value read from the vault.</summary>
    public async Task<Source> ResolveAsync(Source source, CancellationToken cancellationToken)
    {
        if (!source.Secrets.Any(s => SecretReference.IsReference(s.Value))) return source;
        var values = await Task.WhenAll(source.Secrets.Select(s => ResolveAsync(s.Value, cancellationToken))).ConfigureAwait(false);
        return source with { Secrets = source.Secrets.Select((s, i) => s with { Value = values[i] }).ToArray() };
    }

    /// <summary>The subscription with its secret, retiring secrets and Ed25519 secret key read from the vault.</summary>
    public async Task<Subscription> ResolveAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        var keys = subscription.SigningKeys;
        var secret = ResolveAsync(subscription.Secret, cancellationToken);
        var previous = Task.WhenAll(keys.PreviousSecrets.Select(p => ResolveAsync(p.Value, cancellationToken)));
        var ed25519 = keys.Ed25519SecretKey is { } key ? ResolveAsync(key, cancellationToken) : Task.FromResult<string>(null!);
        await Task.WhenAll(secret, previous, ed25519).ConfigureAwait(false);

        var previousValues = previous.Result;
        return subscription with
        {
            Secret = secret.Result,
            SigningKeys = keys with
            {
                PreviousSecrets = keys.PreviousSecrets.Select((p, i) => p with { Value = previousValues[i] }).ToArray(),
                Ed25519SecretKey = ed25519.Result,
            },
        };
    }

    /// <summary>Resolves every item of <paramref name="items"/> at once, keeping their order.</summary>
    public static async Task<IReadOnlyList<T>> ResolveAllAsync<T>(IReadOnlyList<T> items, Func<T, Task<T>> resolve) =>
        items.Count == 0 ? items : await Task.WhenAll(items.Select(resolve)).ConfigureAwait(false);

    /// <summary>
    /// What the store keeps for a source's <paramref name="secrets"/>: a secret whose ID and value are already referenced by
    /// <paramref name="stored"/> keeps that reference; any other value is written to the vault as
    /// <c>source-{sourceId}-{secretId}</c> (a new version if that name exists).
    /// </summary>
    /// <exception cref="KeyVaultException">The vault refused or could not be reached.</exception>
    public async Task<IReadOnlyList<SourceSecret>> StoreAsync(
        string sourceId, IReadOnlyList<SourceSecret> secrets, Source? stored, CancellationToken cancellationToken)
    {
        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var old in stored?.Secrets ?? [])
        {
            if (SecretReference.IsReference(old.Value)) kept[old.Id] = old.Value;
        }

        var result = new SourceSecret[secrets.Count];
        for (var i = 0; i < secrets.Count; i++)
        {
            var secret = secrets[i];
            var reference = kept.TryGetValue(secret.Id, out var existing)
                && string.Equals(await vault.GetAsync(existing, cancellationToken).ConfigureAwait(false), secret.Value, StringComparison.Ordinal)
                    ? existing
                    : await vault.PutAsync(SecretNames.ForSourceSecret(sourceId, secret.Id), secret.Value, cancellationToken).ConfigureAwait(false);
            result[i] = secret with { Value = reference };
        }

        return result;
    }

    /// <summary>
    /// What the store keeps for a subscription's signing material: each value that <paramref name="stored"/> already references
    /// (the current secret becoming a retiring one, an unchanged Ed25519 key) keeps its reference; any other value is written to
    /// the vault under a new name.
    /// </summary>
    /// <exception cref="KeyVaultException">The vault refused or could not be reached.</exception>
    public async Task<(string Secret, SubscriptionSigningKeys Keys)> StoreAsync(
        string subscriptionId, string secret, SubscriptionSigningKeys keys, Subscription? stored, CancellationToken cancellationToken)
    {
        var known = stored is null ? [] : await ReferencesByValueAsync(stored, cancellationToken).ConfigureAwait(false);

        async Task<string> ReferenceAsync(string value, Func<string, string> name) =>
            known.TryGetValue(value, out var reference)
                ? reference
                : known[value] = await vault.PutAsync(name(subscriptionId), value, cancellationToken).ConfigureAwait(false);

        var secretReference = await ReferenceAsync(secret, SecretNames.ForSubscriptionSecret).ConfigureAwait(false);
        var previous = new RetiringSecret[keys.PreviousSecrets.Count];
        for (var i = 0; i < previous.Length; i++)
        {
            var retiring = keys.PreviousSecrets[i];
            previous[i] = retiring with { Value = await ReferenceAsync(retiring.Value, SecretNames.ForSubscriptionSecret).ConfigureAwait(false) };
        }

        var ed25519 = keys.Ed25519SecretKey is { } key ? await ReferenceAsync(key, SecretNames.ForEd25519Key).ConfigureAwait(false) : null;
        return (secretReference, keys with { PreviousSecrets = previous, Ed25519SecretKey = ed25519 });
    }

    /// <summary>The values <paramref name="stored"/> references, each with its reference (plain stored values are left out, so
    /// they move into the vault).</summary>
    private async Task<Dictionary<string, string>> ReferencesByValueAsync(Subscription stored, CancellationToken cancellationToken)
    {
        var references = new List<string> { stored.Secret };
        references.AddRange(stored.SigningKeys.PreviousSecrets.Select(p => p.Value));
        if (stored.SigningKeys.Ed25519SecretKey is { } key) references.Add(key);
        references.RemoveAll(r => !SecretReference.IsReference(r));

        var values = await Task.WhenAll(references.Select(r => vault.GetAsync(r, cancellationToken))).ConfigureAwait(false);
        var byValue = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < values.Length; i++) byValue.TryAdd(values[i], references[i]);
        return byValue;
    }
}
