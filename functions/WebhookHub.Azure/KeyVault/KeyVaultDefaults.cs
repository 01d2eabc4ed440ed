namespace WebhookHub.Azure.KeyVault;

/// <summary>The defaults of <see cref="KeyVaultOptions"/> and of the secret cache, in one place.</summary>
internal static class KeyVaultDefaults
{
    /// <summary>How long a secret read from the vault is used before its latest version is read again: 5 minutes.</summary>
    public static readonly TimeSpan CacheTtl = TimeSpan.FromMinutes(5);

    /// <summary>How long past its time to live a cached secret is still served while the vault cannot be read: 1 hour.</summary>
    public static readonly TimeSpan RefreshGracePeriod = TimeSpan.FromHours(1);

    /// <summary>How long after a failed refresh a stale secret is served before the vault is asked again: 30 seconds (or the time to
    /// live, when that is shorter).</summary>
    public static readonly TimeSpan RefreshRetryInterval = TimeSpan.FromSeconds(30);

    /// <summary>The longest time to live accepted: 1 day.</summary>
    public static readonly TimeSpan MaxCacheTtl = TimeSpan.FromDays(1);

    /// <summary>The longest grace period accepted: 7 days.</summary>
    public static readonly TimeSpan MaxRefreshGracePeriod = TimeSpan.FromDays(7);

    /// <summary>The content type WebhookHub gives the secrets it writes (Key Vault leaves its meaning to the application).</summary>
    public const string ContentType = "text/plain";

    /// <summary>The tag name and value that mark a secret as written by WebhookHub: <c>managed-by=WebhookHub</c>.</summary>
    public const string ManagedByTag = "managed-by";

    /// <summary>The value of <see cref="ManagedByTag"/>.</summary>
    public const string ManagedByValue = "WebhookHub";
}
