using WebhookHub.Providers;

namespace WebhookHub.Functions.Api;

/// <summary>Turns a <see cref="ProviderOptionsException"/> from a provider check into a validation error on one field.</summary>
internal static class ProviderValidation
{
    public static void Check(Dictionary<string, string[]> errors, string field, Action validate)
    {
        try
        {
            validate();
        }
        catch (ProviderOptionsException exception)
        {
            errors[field] = [exception.Message];
        }
    }
}
