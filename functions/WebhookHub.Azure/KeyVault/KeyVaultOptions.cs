namespace WebhookHub.Azure.KeyVault;

/// <summary>
/// Key Vault settings, bound from <c>WebhookHub:KeyVault</c> (environment: <c>WebhookHub__KeyVault__Name</c>). When
/// <see cref="VaultUri"/> is set, source and subscription signing secrets are kept in that vault, not in the store.
/// Checked at start-up by <see cref="KeyVaultOptionsValidator"/>.
/// </summary>
public sealed class KeyVaultOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "WebhookHub:KeyVault";

    /// <summary>The vault, for example <c>https://webhookhub-prod.vault.azure.net/</c>; the app's identity needs Key Vault Secrets
    /// Officer on it (it writes new secrets).</summary>
    /// <value>Empty (secrets stay in the store).</value>
    public Uri? VaultUri { get; set; }

    /// <summary>How long a secret read from the vault is used before the latest version is read again, so a new version set in
    /// the vault takes effect within this time without a restart. Greater than zero, at most 1 day.</summary>
    /// <value>5 minutes.</value>
    public TimeSpan CacheTtl { get; set; } = KeyVaultDefaults.CacheTtl;

    /// <summary>How long past <see cref="CacheTtl"/> a secret already read is still used while the vault cannot be read (each
    /// failed refresh logs a warning; the vault is asked again every 30 seconds). After it, reads fail. Zero to 7 days.</summary>
    /// <value>1 hour.</value>
    public TimeSpan RefreshGracePeriod { get; set; } = KeyVaultDefaults.RefreshGracePeriod;
}
