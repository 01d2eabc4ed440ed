namespace WebhookHub.Azure.KeyVault;

/// <summary>
/// Where signing secrets are kept instead of the store: values go in under a name and come back through a versionless
/// reference (<see cref="SecretReference"/>), which is what the store keeps. Reading a reference always means its latest
/// version, so a secret replaced in the vault (a new version) is what later reads return. Implementations are thread-safe and
/// never put a secret value in a log, an exception message or <c>ToString()</c>.
/// </summary>
public interface ISecretVault
{
    /// <summary>Stores <paramref name="value"/> as the latest version of secret <paramref name="name"/>.</summary>
    /// <param name="name">The secret name: 1 to 127 characters of <c>0-9 a-z A-Z -</c> (see <see cref="SecretReference.IsValidName"/>).</param>
    /// <param name="value">The secret value (at most 25 KB as UTF-8, Key Vault's limit).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The versionless reference, <c>kv:</c> + <paramref name="name"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid secret name.</exception>
    /// <exception cref="KeyVaultException">The vault refused or could not be reached.</exception>
    Task<string> PutAsync(string name, string value, CancellationToken cancellationToken = default);

    /// <summary>Reads the latest version of the secret <paramref name="reference"/> points to.</summary>
    /// <param name="reference">A reference returned by <see cref="PutAsync"/> (<c>kv:</c> + name).</param>
    /// <param name="cancellationToken">Cancels the read (or the wait for it).</param>
    /// <returns>The secret value.</returns>
    /// <exception cref="ArgumentException"><paramref name="reference"/> is not a secret reference.</exception>
    /// <exception cref="KeyVaultException">The vault refused, has no such secret (status 404) or could not be reached.</exception>
    Task<string> GetAsync(string reference, CancellationToken cancellationToken = default);
}
