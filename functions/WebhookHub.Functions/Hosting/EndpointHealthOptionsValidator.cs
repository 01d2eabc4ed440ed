using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using WebhookHub.Delivery;

namespace WebhookHub.Functions.Hosting;

/// <summary>
/// Checks the endpoint-health settings of <see cref="DeliveryOptions"/> that attributes on the top level cannot: the nested
/// <c>CircuitBreaker</c> section (within the ranges Polly accepts) and <see cref="DeliveryOptions.AutoDisableAfter"/>.
/// </summary>
internal sealed class EndpointHealthOptionsValidator : IValidateOptions<DeliveryOptions>
{
    private static readonly TimeSpan ShortestWindow = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestWindow = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        var failures = new List<string>();
        var breaker = options.CircuitBreaker;
        if (breaker is null)
        {
            return ValidateOptionsResult.Fail("WebhookHub:Delivery:CircuitBreaker must not be null.");
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(breaker, new ValidationContext(breaker), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"WebhookHub:Delivery:CircuitBreaker: {r.ErrorMessage}"));
        }

        CheckWindow(failures, "SamplingDuration", breaker.SamplingDuration);
        CheckWindow(failures, "BreakDuration", breaker.BreakDuration);
        if (options.AutoDisableAfter < TimeSpan.Zero)
        {
            failures.Add($"WebhookHub:Delivery:AutoDisableAfter must be zero (off) or positive; got {options.AutoDisableAfter}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckWindow(List<string> failures, string name, TimeSpan value)
    {
        if (value < ShortestWindow || value > LongestWindow)
        {
            failures.Add($"WebhookHub:Delivery:CircuitBreaker:{name} must be from 0.5 s to 1 day; got {value.TotalSeconds} s.");
        }
    }
}
