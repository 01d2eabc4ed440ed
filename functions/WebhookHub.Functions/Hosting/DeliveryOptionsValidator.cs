using System.Net;
using Microsoft.Extensions.Options;
using WebhookHub.Delivery;

namespace WebhookHub.Functions.Hosting;

/// <summary>Rules across <see cref="DeliveryOptions"/> properties that attributes cannot express.</summary>
internal sealed class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        var failures = new List<string>();
        if (options.RetryDelays.Any(d => d < TimeSpan.Zero))
        {
            failures.Add("WebhookHub:Delivery:RetryDelays must not contain negative delays.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"WebhookHub:Delivery:Timeout must be above 0 and at most 5 minutes; got {options.Timeout.TotalSeconds} s.");
        }

        if (options.Lease <= options.Timeout + TimeSpan.FromSeconds(5))
        {
            failures.Add($"WebhookHub:Delivery:Lease ({options.Lease.TotalSeconds} s) must exceed Timeout ({options.Timeout.TotalSeconds} s) by more than 5 s.");
        }

        if (options.PollInterval <= TimeSpan.Zero)
        {
            failures.Add("WebhookHub:Delivery:PollInterval must be positive.");
        }

        foreach (var network in options.AllowedNetworks)
        {
            if (!IPNetwork.TryParse(network, out _))
            {
                failures.Add($"WebhookHub:Delivery:AllowedNetworks entry '{network}' is not CIDR notation such as 127.0.0.0/8.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
