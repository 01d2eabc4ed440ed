using System.Text;
using WebhookHub.Providers;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Providers;

/// <summary>Runs a vector (or a variant of it) through a provider scheme.</summary>
internal static class ProviderVerifier
{
    /// <summary>Schemes that need test doubles (PayPal fetches certificates); every other provider comes from the default catalog.</summary>
    private static readonly Dictionary<string, IProviderScheme> Overrides = new(StringComparer.OrdinalIgnoreCase)
    {
        ["paypal"] = new PayPal(TestPayPalCertificates.Instance),
    };

    public static VerificationResult Verify(string provider, Vector vector, Func<DictionaryHeaders, DictionaryHeaders>? headers = null,
        string? body = null, string? secret = null, DateTimeOffset? now = null, IReadOnlyDictionary<string, string>? options = null,
        string? url = null, string? method = null)
    {
        options ??= new Dictionary<string, string>();
        var verifier = Overrides.TryGetValue(provider, out var scheme)
            ? scheme.CreateVerifier(options)
            : ProviderCatalog.Default.CreateVerifier(provider, options);
        var requestHeaders = new DictionaryHeaders(vector.Headers);
        if (headers is not null) requestHeaders = headers(requestHeaders);
        var request = new WebhookRequest(requestHeaders, Encoding.UTF8.GetBytes(body ?? vector.Body))
        {
            Method = method ?? vector.Method ?? "POST",
            Url = url is not null ? new Uri(url) : vector.RequestUrl,
        };
        return verifier.Verify(request, [secret ?? vector.Secret], now ?? vector.NowTime);
    }

    public static string Tamper(string body) => body.Length > 2 ? body[..^2] + (body[^2] == '1' ? "2" : "1") + body[^1] : body + " ";
}
