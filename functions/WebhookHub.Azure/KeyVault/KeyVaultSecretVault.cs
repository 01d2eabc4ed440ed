using Azure;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;

namespace WebhookHub.Azure.KeyVault;

/// <summary>
/// <see cref="ISecretVault"/> over the Key Vault SDK's <see cref="SecretClient"/> (in production built with
/// <c>DefaultAzureCredential</c>; injected, so tests pass a fake). Writes are Set Secret
/// (<c>PUT {vault}/secrets/{name}</c>, learn.microsoft.com/rest/api/keyvault/secrets/set-secret/set-secret: a new version when the
/// name exists) with content type <c>text/plain</c> and tag <c>managed-by=WebhookHub</c>; reads are Get Secret without a version
/// (<c>GET {vault}/secrets/{name}</c>, learn.microsoft.com/rest/api/keyvault/secrets/get-secret/get-secret: the latest version).
/// No caching here (see <see cref="CachedSecretVault"/>). Thread-safe.
/// </summary>
internal sealed class KeyVaultSecretVault(SecretClient client) : ISecretVault
{
    /// <inheritdoc/>
    public async Task<string> PutAsync(string name, string value, CancellationToken cancellationToken = default)
    {
        var reference = SecretReference.For(name);
        ArgumentNullException.ThrowIfNull(value);
        var secret = new KeyVaultSecret(name, value);
        secret.Properties.ContentType = KeyVaultDefaults.ContentType;
        secret.Properties.Tags[KeyVaultDefaults.ManagedByTag] = KeyVaultDefaults.ManagedByValue;
        try
        {
            await client.SetSecretAsync(secret, cancellationToken).ConfigureAwait(false);
            return reference;
        }
        catch (RequestFailedException exception)
        {
            throw new KeyVaultException("set", name, exception.Status, exception.ErrorCode, exception);
        }
        catch (AuthenticationFailedException exception)
        {
            throw new KeyVaultException("set", name, 0, "AuthenticationFailed", exception);
        }
    }

    /// <inheritdoc/>
    public async Task<string> GetAsync(string reference, CancellationToken cancellationToken = default)
    {
        if (!SecretReference.TryGetName(reference, out var name)) throw new ArgumentException("Not a Key Vault secret reference.", nameof(reference));
        try
        {
            var response = await client.GetSecretAsync(name, null, cancellationToken).ConfigureAwait(false);
            return response.Value?.Value ?? throw new KeyVaultException("get", name, response.GetRawResponse()?.Status ?? 0, "NoValue", null);
        }
        catch (RequestFailedException exception)
        {
            throw new KeyVaultException("get", name, exception.Status, exception.ErrorCode, exception);
        }
        catch (AuthenticationFailedException exception)
        {
            throw new KeyVaultException("get", name, 0, "AuthenticationFailed", exception);
        }
    }
}
