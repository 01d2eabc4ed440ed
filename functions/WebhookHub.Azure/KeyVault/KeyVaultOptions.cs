namespace WebhookHub.Azure.KeyVault;

/// <summary>
/// Key Vault settings, bound from <c>WebhookHub:KeyVault</c> (environment: <c>WebhookHub__KeyVault__Name</c>). When
/// <see cref="VaultUri"/> is set, source and subscription signing secrets are kept in that vault, not in the store.
/// </summary>
public sealed class KeyVaultOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "WebhookHub:KeyVault";

    /// <summary>The vault, for example <c>https://webhookhub-prod.vault.azure.net/</c>; the app's identity needs Key Vault Secrets
    /// Officer on it (it writes new secrets).</summary>
    /// <value>Empty (secrets stay in the store).</value>
    public Uri? VaultUri { get; set; }

    /// <summary>How long a secret read from the vault is used before the latest version is read again.</summary>
    /// <value>5 minutes.</value>
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromMinutes(5);
}
