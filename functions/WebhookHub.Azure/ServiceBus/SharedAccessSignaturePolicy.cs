using Azure.Core;
using Azure.Core.Pipeline;

namespace WebhookHub.Azure.ServiceBus;

/// <summary>
/// Puts a SAS token (<see cref="SharedAccessSignature"/>) for the request's namespace URI (<c>scheme://host[:port]/</c>) in its
/// <c>Authorization</c> header. One token per namespace is cached and replaced when less than the refresh margin is left, on the
/// injected <see cref="TimeProvider"/>. A per-retry policy, so every attempt goes out with a token valid at that moment.
/// </summary>
internal sealed class SharedAccessSignaturePolicy : HttpPipelineSynchronousPolicy
{
    private readonly string _keyName;
    private readonly string _key;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _lifetime;
    private readonly TimeSpan _refreshMargin;
    private readonly object _gate = new();
    private readonly Dictionary<string, CachedToken> _tokens = new(StringComparer.OrdinalIgnoreCase);

    public SharedAccessSignaturePolicy(string keyName, string key, TimeProvider timeProvider, TimeSpan lifetime)
    {
        if (lifetime < TimeSpan.FromSeconds(2))
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, $"The SAS token lifetime must be at least 2 seconds; it is {lifetime.TotalSeconds} s.");
        }

        _keyName = keyName;
        _key = key;
        _timeProvider = timeProvider;
        _lifetime = lifetime;
        _refreshMargin = lifetime / 2 < ServiceBusDefaults.SasTokenRefreshMargin ? lifetime / 2 : ServiceBusDefaults.SasTokenRefreshMargin;
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        var uri = message.Request.Uri.ToUri();
        message.Request.Headers.SetValue(HttpHeader.Names.Authorization, TokenFor(uri.GetLeftPart(UriPartial.Authority) + "/"));
    }

    /// <summary>The token for <paramref name="resource"/>, from the cache while it has more than the refresh margin left.</summary>
    internal string TokenFor(string resource)
    {
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (_tokens.TryGetValue(resource, out var cached) && cached.ExpiresOn - now > _refreshMargin) return cached.Token;

            var expiresOn = DateTimeOffset.FromUnixTimeSeconds((now + _lifetime).ToUnixTimeSeconds());
            var token = SharedAccessSignature.Create(resource, _keyName, _key, expiresOn);
            _tokens[resource] = new CachedToken(token, expiresOn);
            return token;
        }
    }

    private readonly record struct CachedToken(string Token, DateTimeOffset ExpiresOn)
    {
        // The token is a credential: keep it out of anything that prints this struct.
        public override string ToString() => $"SAS token expiring {ExpiresOn:O}";
    }
}
