using System.Text;
using WebhookHub.Providers;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Providers;

/// <summary>Runs a vector (or a variant of it) through a provider scheme.</summary>
internal static class ProviderVerifier
{
    public static VerificationResult Verify(string provider, Vector vector, Func<DictionaryHeaders, DictionaryHeaders>? headers = null,
        string? body = null, string? secret = null, DateTimeOffset? now = null, IReadOnlyDictionary<string, string>? options = null)
    {
        var verifier = ProviderCatalog.Default.CreateVerifier(provider, options ?? new Dictionary<string, string>());
        var requestHeaders = new DictionaryHeaders(vector.Headers);
        if (headers is not null) requestHeaders = headers(requestHeaders);
        var request = new WebhookRequest(requestHeaders, Encoding.UTF8.GetBytes(body ?? vector.Body)) { Url = vector.Url is null ? null : new Uri(vector.Url) };
        return verifier.Verify(request, [secret ?? vector.Secret], now ?? vector.NowTime);
    }

    public static string Tamper(string body) => body.Length > 2 ? body[..^2] + (body[^2] == '1' ? "2" : "1") + body[^1] : body + " ";
}
