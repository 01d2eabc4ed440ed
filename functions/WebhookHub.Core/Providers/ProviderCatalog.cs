using System.Collections.Frozen;

namespace WebhookHub.Providers;

/// <summary>The provider schemes WebhookHub knows, by name. Thread-safe.</summary>
public sealed class ProviderCatalog
{
    private readonly FrozenDictionary<string, IProviderScheme> _schemes;

    /// <summary>Creates a catalog of the given schemes.</summary>
    /// <exception cref="ArgumentException">Two schemes share a name.</exception>
    public ProviderCatalog(IEnumerable<IProviderScheme> schemes) =>
        _schemes = schemes.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase).ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>A catalog of every built-in scheme.</summary>
    public static ProviderCatalog Default { get; } = new([new Stripe(), new GitHub(), new StandardWebhooks(), new Shopify(), new Slack(), new Paddle(), new Linear(), new Razorpay(),
        new CoinbaseCommerce(), new Discord(), new Twilio(), new Square(), new HubSpot(), new PayPal(), new Hmac()]);

    /// <summary>The known provider names.</summary>
    public IEnumerable<string> Names => _schemes.Keys;

    /// <summary>Checks a signing secret against the shape the provider's secrets have.</summary>
    /// <exception cref="ProviderOptionsException">The provider is unknown or the secret cannot be one of its secrets.</exception>
    public void ValidateSecret(string provider, string secret) => Scheme(provider).ValidateSecret(secret);

    /// <summary>Creates the verifier for a source.</summary>
    /// <exception cref="ProviderOptionsException">The provider is unknown or its options are invalid.</exception>
    public IWebhookVerifier CreateVerifier(string provider, IReadOnlyDictionary<string, string> options) => Scheme(provider).CreateVerifier(options);

    private IProviderScheme Scheme(string provider) =>
        _schemes.TryGetValue(provider, out var scheme)
            ? scheme
            : throw new ProviderOptionsException($"Unknown provider '{provider}'. Known providers: {string.Join(", ", _schemes.Keys.Order())}.");
}
