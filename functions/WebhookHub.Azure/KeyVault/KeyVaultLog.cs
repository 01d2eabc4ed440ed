using Microsoft.Extensions.Logging;

namespace WebhookHub.Azure.KeyVault;

/// <summary>Key Vault log messages (event IDs 8001–8099). Secret names and errors only, never values.</summary>
internal static partial class KeyVaultLog
{
    [LoggerMessage(8001, LogLevel.Warning, "Key Vault refresh of secret {SecretName} failed; serving the value read {Age} ago until the grace period ends")]
    public static partial void ServingStaleSecret(ILogger logger, string secretName, TimeSpan age, Exception exception);

    [LoggerMessage(8002, LogLevel.Warning, "Key Vault read of secret {SecretName} failed and no earlier value may be served")]
    public static partial void SecretReadFailed(ILogger logger, string secretName, Exception exception);
}
