using Microsoft.Extensions.Options;

namespace WebhookHub.Azure.KeyVault;

/// <summary>Checks <see cref="KeyVaultOptions"/> at start-up; messages name the setting and the value found.</summary>
internal sealed class KeyVaultOptionsValidator : IValidateOptions<KeyVaultOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, KeyVaultOptions options)
    {
        var failures = new List<string>();
        if (options.VaultUri is { } vault && (!vault.IsAbsoluteUri || vault.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(vault.Query)))
        {
            failures.Add($"{KeyVaultOptions.SectionName}:VaultUri must be an absolute https URL such as https://name.vault.azure.net/; got '{vault.OriginalString}'.");
        }

        if (options.CacheTtl <= TimeSpan.Zero || options.CacheTtl > KeyVaultDefaults.MaxCacheTtl)
        {
            failures.Add($"{KeyVaultOptions.SectionName}:CacheTtl must be more than 00:00:00 and at most {KeyVaultDefaults.MaxCacheTtl}; got {options.CacheTtl}.");
        }

        if (options.RefreshGracePeriod < TimeSpan.Zero || options.RefreshGracePeriod > KeyVaultDefaults.MaxRefreshGracePeriod)
        {
            failures.Add($"{KeyVaultOptions.SectionName}:RefreshGracePeriod must be 00:00:00 to {KeyVaultDefaults.MaxRefreshGracePeriod}; got {options.RefreshGracePeriod}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
