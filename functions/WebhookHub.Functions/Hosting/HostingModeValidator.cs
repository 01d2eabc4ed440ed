using Microsoft.Extensions.Options;
using WebhookHub.Azure.Tables;

namespace WebhookHub.Functions.Hosting;

/// <summary>
/// Checks that <see cref="WebhookHubOptions.Storage"/> and <see cref="WebhookHubOptions.Messaging"/> make a working pair
/// (SQLite with the embedded queue, or Table Storage with Service Bus), what the Azure shape needs besides, and that the admin key
/// is not an unresolved Key Vault reference.
/// </summary>
internal sealed class HostingModeValidator : IValidateOptions<WebhookHubOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookHubOptions options)
    {
        var failures = new List<string>();
        if ((options.Storage == StorageKind.Tables) != (options.Messaging == MessagingKind.ServiceBus))
        {
            failures.Add($"WebhookHub:Storage = {options.Storage} needs WebhookHub:Messaging = "
                + $"{(options.Storage == StorageKind.Tables ? MessagingKind.ServiceBus : MessagingKind.Embedded)}: the SQLite store is its own queue, "
                + "and the table store is fed by Service Bus messages.");
        }

        // App Service leaves a Key Vault reference it could not resolve in place, literally; that text must never become a key.
        if (options.AdminApiKey?.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase) == true)
        {
            failures.Add("WebhookHub:AdminApiKey is an unresolved Key Vault reference: check the app's identity has access to the vault and the secret exists.");
        }

        if (options.Storage == StorageKind.Tables)
        {
            if (options.MaxBodyBytes > TableWebhookStore.MaxEventBytes)
            {
                failures.Add($"WebhookHub:MaxBodyBytes is {options.MaxBodyBytes}; with Table Storage it can be at most {TableWebhookStore.MaxEventBytes} (an entity holds 1 MiB).");
            }

            if (string.IsNullOrEmpty(options.AdminApiKey))
            {
                failures.Add("WebhookHub:AdminApiKey must be set with Table Storage (there is no local disk to keep a generated one); use a Key Vault reference.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
