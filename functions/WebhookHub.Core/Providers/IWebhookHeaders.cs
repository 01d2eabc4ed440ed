namespace WebhookHub.Providers;

/// <summary>Read-only, case-insensitive view of the HTTP request headers a provider sent.</summary>
public interface IWebhookHeaders
{
    /// <summary>Returns the header's value (several values joined by <c>", "</c>), or <see langword="null"/> when absent.</summary>
    /// <param name="name">The header name; compared case-insensitively.</param>
    string? Get(string name);
}
