using System.Text;
using WebhookHub.Providers;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Providers;

/// <summary>Builds a request with any method, URL and headers and runs it through a provider scheme from the default catalog.</summary>
internal static class HandshakeRequest
{
    public const string BaseUrl = "https://hooks.example.com/api/webhooks/src_test";

    public static VerificationResult Run(string provider, string method, string query, string[] secrets,
        Dictionary<string, string>? headers = null, string body = "", Dictionary<string, string>? options = null)
    {
        var verifier = ProviderCatalog.Default.CreateVerifier(provider, options ?? []);
        var request = new WebhookRequest(new DictionaryHeaders(headers ?? []), Encoding.UTF8.GetBytes(body))
        {
            Method = method,
            Url = new Uri(BaseUrl + query),
        };
        return verifier.Verify(request, secrets, DateTimeOffset.FromUnixTimeSeconds(1_750_000_000));
    }

    public static IWebhookVerifier Verifier(string provider, Dictionary<string, string>? options = null) =>
        ProviderCatalog.Default.CreateVerifier(provider, options ?? []);

    public static string HmacHex(string secret, string body) =>
        Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
}
