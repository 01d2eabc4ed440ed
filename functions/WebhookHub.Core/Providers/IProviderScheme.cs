namespace WebhookHub.Providers;

/// <summary>A provider's signature scheme (Stripe, GitHub, …): creates a verifier from a source's options.</summary>
public interface IProviderScheme
{
    /// <summary>The name a source's <c>provider</c> field uses, lower case (for example <c>stripe</c>).</summary>
    string Name { get; }

    /// <summary>Creates a verifier for a source with these options.</summary>
    /// <param name="options">The source's <c>options</c> object, string values keyed case-insensitively.</param>
    /// <exception cref="ProviderOptionsException">An option is unknown, missing or has an invalid value.</exception>
    IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options);

    /// <summary>Checks that a signing secret has the shape this provider's secrets have; by default any non-empty text does.</summary>
    /// <param name="secret">The secret as the user configured it.</param>
    /// <exception cref="ProviderOptionsException">The secret cannot be one of this provider's (the message is safe to show).</exception>
    void ValidateSecret(string secret)
    {
    }
}
