using System.Text;
using WebhookHub.Providers;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Providers;

/// <summary>Runs a vector against several secrets at once, as a source does while a secret rotates.</summary>
internal static class SecretRotation
{
    public static VerificationResult VerifyWithSecrets(string provider, Vector vector, params string[] secrets)
    {
        var verifier = ProviderCatalog.Default.CreateVerifier(provider, new Dictionary<string, string>());
        var request = new WebhookRequest(new DictionaryHeaders(vector.Headers), Encoding.UTF8.GetBytes(vector.Body));
        return verifier.Verify(request, secrets, vector.NowTime);
    }
}
