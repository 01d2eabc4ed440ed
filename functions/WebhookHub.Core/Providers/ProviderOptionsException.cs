namespace WebhookHub.Providers;

/// <summary>Thrown when a source's provider options are invalid; the message names the option and is safe to show to the tenant.</summary>
public sealed class ProviderOptionsException(string message) : Exception(message);
