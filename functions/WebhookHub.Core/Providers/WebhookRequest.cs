namespace WebhookHub.Providers;

/// <summary>
/// The parts of an inbound webhook request that a provider scheme signs or checks: method, public URL, headers and the raw
/// body bytes.
/// </summary>
/// <param name="Headers">The request headers.</param>
/// <param name="Body">The body exactly as received; never re-serialised. Empty for <c>GET</c> and <c>OPTIONS</c>.</param>
public readonly record struct WebhookRequest(IWebhookHeaders Headers, ReadOnlyMemory<byte> Body)
{
    private readonly string? _method;

    /// <summary>The HTTP method in upper case: <c>POST</c> for webhooks, <c>GET</c> or <c>OPTIONS</c> for some handshakes.</summary>
    /// <value><c>POST</c>.</value>
    public string Method
    {
        get => _method ?? "POST";
        init => _method = value;
    }

    /// <summary>
    /// The absolute URL the provider called, with its query string, as the provider saw it: built from
    /// <c>WebhookHub:PublicBaseUrl</c> when configured, else from the request (with <c>X-Forwarded-Proto</c>/<c>-Host</c> honoured
    /// only from trusted proxies). URL-signing schemes (Twilio, Square, HubSpot) sign it; handshakes read their query parameters.
    /// <see langword="null"/> when unknown. <see cref="Uri.OriginalString"/> is the percent-encoded text as requested (the form
    /// providers sign); <see cref="Uri.ToString"/> unescapes and must not be used for signatures.
    /// </summary>
    public Uri? Url { get; init; }

    /// <summary>Returns the first value of query parameter <paramref name="name"/> (percent-decoded), or <see langword="null"/>.</summary>
    /// <param name="name">The parameter name; compared case-insensitively.</param>
    public string? Query(string name) =>
        Url is null || string.IsNullOrEmpty(Url.Query) ? null : System.Web.HttpUtility.ParseQueryString(Url.Query)[name];
}
