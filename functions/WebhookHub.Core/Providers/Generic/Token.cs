namespace WebhookHub.Providers;

/// <summary>
/// Generic static-token scheme for providers that authenticate with a shared value instead of a signature (GitLab's
/// <c>X-Gitlab-Token</c>, an <c>Authorization: Bearer …</c> header, a <c>?code=</c> query parameter): the header or query value,
/// after an optional prefix, must equal one of the source's secrets, compared in constant time. The body is not authenticated,
/// so prefer a signing scheme where the provider offers one, and HTTPS always.
/// </summary>
/// <remarks>
/// Options: <c>header</c> (default <c>Authorization</c>) or <c>queryParameter</c> (one of the two), <c>prefix</c> (for example
/// <c>Bearer </c>, compared case-insensitively), and <c>idHeader</c>/<c>idPointer</c>/<c>typeHeader</c>/<c>typePointer</c>
/// (see <see cref="EventLocator"/>; default event ID: SHA-256 of the body).
/// </remarks>
public sealed class Token : IProviderScheme
{
    private static readonly string[] Known = ["header", "queryParameter", "prefix", .. EventLocator.OptionNames];

    /// <inheritdoc/>
    public string Name => "token";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options, Known);
        var header = ProviderOptions.Get(options, "header");
        var query = ProviderOptions.Get(options, "queryParameter");
        if (header is not null && query is not null) throw new ProviderOptionsException("Provider 'token' takes option 'header' or 'queryParameter', not both.");
        var prefix = ProviderOptions.GetVerbatim(options, "prefix") ?? "";
        return new Verifier(header ?? (query is null ? "Authorization" : null), query, prefix, EventLocator.FromOptions(options));
    }

    private sealed class Verifier(string? header, string? queryParameter, string prefix, EventLocator events) : IWebhookVerifier
    {
        public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
        {
            var value = header is not null ? request.Headers.Get(header) : request.Query(queryParameter!);
            if (string.IsNullOrEmpty(value)) return VerificationResult.Rejected(VerificationStatus.MissingSignature);
            if (!value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return VerificationResult.Rejected(VerificationStatus.MalformedSignature);

            return SharedSecret.MatchesAny(value.AsSpan(prefix.Length), secrets)
                ? events.Read(request)
                : VerificationResult.Rejected(VerificationStatus.InvalidSignature);
        }
    }
}
