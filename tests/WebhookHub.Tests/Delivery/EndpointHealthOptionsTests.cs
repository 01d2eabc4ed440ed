using WebhookHub.Delivery;
using WebhookHub.Functions.Hosting;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Delivery;

/// <summary>Defaults of the endpoint health and flow settings, and their start-up validation.</summary>
public sealed class EndpointHealthOptionsTests
{
    [Fact]
    public void Defaults_AsDocumented()
    {
        var options = new DeliveryOptions();

        Assert.Equal(10, options.MaxConcurrencyPerSubscription);
        Assert.Equal(TimeSpan.FromDays(5), options.AutoDisableAfter);
        Assert.Equal(4, options.FailingEventAfterAttempts);
        Assert.Equal(0.5, options.CircuitBreaker.FailureRatio);
        Assert.Equal(10, options.CircuitBreaker.MinimumThroughput);
        Assert.Equal(TimeSpan.FromSeconds(60), options.CircuitBreaker.SamplingDuration);
        Assert.Equal(TimeSpan.FromSeconds(30), options.CircuitBreaker.BreakDuration);
        Assert.True(new EndpointHealthOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_OutOfRange_MessagesNameSettingAndValue()
    {
        var options = new DeliveryOptions
        {
            AutoDisableAfter = TimeSpan.FromHours(-1),
            CircuitBreaker = new EndpointCircuitBreakerOptions
            {
                FailureRatio = 0, MinimumThroughput = 1, SamplingDuration = TimeSpan.FromMilliseconds(100), BreakDuration = TimeSpan.FromDays(2),
            },
        };

        var result = new EndpointHealthOptionsValidator().Validate(null, options);

        Assert.Equal(
        [
            "WebhookHub:Delivery:CircuitBreaker: The field FailureRatio must be between 0.001 and 1.",
            "WebhookHub:Delivery:CircuitBreaker: The field MinimumThroughput must be between 2 and 100000.",
            "WebhookHub:Delivery:CircuitBreaker:SamplingDuration must be from 0.5 s to 1 day; got 0.1 s.",
            "WebhookHub:Delivery:CircuitBreaker:BreakDuration must be from 0.5 s to 1 day; got 172800 s.",
            "WebhookHub:Delivery:AutoDisableAfter must be zero (off) or positive; got -01:00:00.",
        ], result.Failures!);
    }

    [Fact]
    public async Task Start_InvalidCircuitBreakerSetting_FailsFast()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => HubHost.StartAsync(timeProvider: null, extraArgs: "--WebhookHub:Delivery:CircuitBreaker:BreakDuration=00:00:00.100"));

        Assert.Contains("WebhookHub:Delivery:CircuitBreaker:BreakDuration must be from 0.5 s to 1 day; got 0.1 s.", error.Message);
    }
}
