using Azure;
using Azure.Security.KeyVault.Secrets;

namespace WebhookHub.Tests.Azure.KeyVault;

/// <summary>
/// A <see cref="SecretClient"/> (through its protected constructor) holding secrets in memory with versions, recording every
/// Get and Set. Gets can be held at a gate (to make reads overlap) or made to fail like an unreachable vault. Thread-safe.
/// </summary>
public sealed class FakeSecretClient : SecretClient
{
    public static readonly Uri Vault = new("https://webhookhub-test.vault.azure.net/");

    private readonly object _gate = new();
    private readonly Dictionary<string, List<string>> _versions = new(StringComparer.Ordinal);
    private readonly List<string> _gets = [];
    private readonly List<KeyVaultSecret> _sets = [];
    private TaskCompletionSource? _hold;

    /// <summary>When set, every Get throws this (a 503 from the vault, for example).</summary>
    public Exception? FailGetsWith { get; set; }

    /// <summary>The names read, in call order.</summary>
    public IReadOnlyList<string> Gets
    {
        get { lock (_gate) return _gets.ToArray(); }
    }

    /// <summary>The secrets written, in call order (name, value, content type, tags).</summary>
    public IReadOnlyList<KeyVaultSecret> Sets
    {
        get { lock (_gate) return _sets.ToArray(); }
    }

    /// <summary>Every value ever stored, all versions.</summary>
    public IReadOnlyList<string> AllValues
    {
        get { lock (_gate) return _versions.Values.SelectMany(v => v).ToArray(); }
    }

    public int GetCount(string name)
    {
        lock (_gate) return _gets.Count(n => n == name);
    }

    /// <summary>The latest version of <paramref name="name"/>, or null.</summary>
    public string? Latest(string name)
    {
        lock (_gate) return _versions.TryGetValue(name, out var versions) ? versions[^1] : null;
    }

    /// <summary>Adds a version as an operator would in the portal (not recorded as a Set by the app).</summary>
    public void SetByOperator(string name, string value)
    {
        lock (_gate)
        {
            if (!_versions.TryGetValue(name, out var versions)) _versions[name] = versions = [];
            versions.Add(value);
        }
    }

    /// <summary>Holds every Get until <see cref="Release"/>.</summary>
    public void Hold()
    {
        lock (_gate) _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Release()
    {
        TaskCompletionSource? hold;
        lock (_gate) (hold, _hold) = (_hold, null);
        hold?.SetResult();
    }

    public override async Task<Response<KeyVaultSecret>> GetSecretAsync(string name, string? version = null, CancellationToken cancellationToken = default)
    {
        Task held;
        lock (_gate)
        {
            _gets.Add(name);
            held = _hold?.Task ?? Task.CompletedTask;
        }

        await held.WaitAsync(cancellationToken);
        if (FailGetsWith is { } failure) throw failure;
        string value;
        int number;
        lock (_gate)
        {
            if (!_versions.TryGetValue(name, out var versions))
            {
                throw new RequestFailedException(404, $"A secret with (name/id) {name} was not found in this key vault.", "SecretNotFound", null);
            }

            (value, number) = (versions[^1], versions.Count);
        }

        var properties = SecretModelFactory.SecretProperties(new Uri(Vault, $"secrets/{name}/v{number}"), Vault, name, $"v{number}");
        return Response.FromValue(SecretModelFactory.KeyVaultSecret(properties, value), null!);
    }

    public override Task<Response<KeyVaultSecret>> SetSecretAsync(KeyVaultSecret secret, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _sets.Add(secret);
            if (!_versions.TryGetValue(secret.Name, out var versions)) _versions[secret.Name] = versions = [];
            versions.Add(secret.Value);
        }

        return Task.FromResult(Response.FromValue(secret, null!));
    }

    public override Task<Response<KeyVaultSecret>> SetSecretAsync(string name, string value, CancellationToken cancellationToken = default) =>
        SetSecretAsync(new KeyVaultSecret(name, value), cancellationToken);
}
