using WebhookHub.Tenancy;

namespace WebhookHub.Functions.Api;

internal static partial class SubscriptionSettingsValidation
{
    /// <summary><c>settings.signatureScheme</c>: <c>v1</c>, <c>v1a</c> or <c>both</c> when given.</summary>
    private static void ValidateSigning(SubscriptionSettings settings, Dictionary<string, string[]> errors)
    {
        if (settings.SignatureScheme is { } scheme && !SignatureSchemes.IsValid(scheme))
        {
            errors["settings.signatureScheme"] = ["signatureScheme must be 'v1', 'v1a' or 'both'."];
        }
    }
}
