using Microsoft.Extensions.Options;
using WebhookHub.Delivery;

namespace WebhookHub.Functions.Hosting;

/// <summary>
/// Rules for the outcome settings of <see cref="DeliveryOptions"/>: the retry schedule's shape, permanent status codes, the
/// overload penalty and the <c>Retry-After</c> cap.
/// </summary>
internal sealed class DeliveryOutcomeOptionsValidator : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        var failures = new List<string>();
        if (options.RetryDelays is { Length: > 0 } delays)
        {
            if (delays[0] != TimeSpan.Zero)
            {
                failures.Add($"WebhookHub:Delivery:RetryDelays:0 must be 0 (the first attempt is made when the event is dispatched); got {delays[0]}.");
            }

            if (delays.Any(d => d > DeliveryDefaults.MaxRetryDelay))
            {
                failures.Add($"WebhookHub:Delivery:RetryDelays entries must be at most {DeliveryDefaults.MaxRetryDelay.TotalDays} days.");
            }
        }

        foreach (var code in options.PermanentStatusCodes)
        {
            if (code is < 300 or > 599 || code == 410)
            {
                failures.Add($"WebhookHub:Delivery:PermanentStatusCodes entry {code} must be a 3xx, 4xx or 5xx status other than 410 (which disables the subscription).");
            }
        }

        if (options.MaxOverloadPenalty < TimeSpan.Zero || options.MaxOverloadPenalty > TimeSpan.FromDays(1))
        {
            failures.Add($"WebhookHub:Delivery:MaxOverloadPenalty must be 0 to 1 day; got {options.MaxOverloadPenalty}.");
        }

        if (options.MaxRetryAfter < TimeSpan.Zero || options.MaxRetryAfter > TimeSpan.FromDays(7))
        {
            failures.Add($"WebhookHub:Delivery:MaxRetryAfter must be 0 to 7 days; got {options.MaxRetryAfter}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
