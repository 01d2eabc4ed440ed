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
    public static ProviderCatalog Default { get; } = new(
    [
        new Adyen(),
        new Bitbucket(),
        new Calendly(),
        new CoinbaseCommerce(),
        new Discord(),
        new DocuSign(),
        new Dropbox(),
        new EventGrid(),
        new GitHub(),
        new GitLab(),
        new HubSpot(),
        new Intercom(),
        new Jira(),
        new Linear(),
        new Mailgun(),
        new Meta(),
        new MicrosoftGraph(),
        new Mollie(),
        new Okta(),
        new Paddle(),
        new PayPal(),
        new Postmark(),
        new QuickBooks(),
        new Razorpay(),
        new SendGrid(),
        new Shopify(),
        new Slack(),
        new Square(),
        new StandardWebhooks(),
        new Stripe(),
        new Twilio(),
        new Twitch(),
        new Typeform(),
        new Xero(),
        new Zoom(),
        // Generic schemes, configured by options.
        new Hmac(),
        new Token(),
        new Basic(),
    ]);

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
