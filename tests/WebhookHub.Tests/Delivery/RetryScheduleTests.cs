using WebhookHub.Delivery;
using WebhookHub.Tenancy;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Delivery;

public sealed class RetryScheduleTests
{
    [Fact]
    public void Defaults_AreTheDocumentedSchedule()
    {
        var options = new DeliveryOptions();
        var schedule = new RetrySchedule(options, new FixedRandom(0.5));

        Assert.Equal(8, schedule.MaxAttempts);
        Assert.Empty(options.RetryDelays);
        Assert.Equal(0.2, options.JitterRatio);
        Assert.Equal(TimeSpan.FromSeconds(15), options.Timeout);
        Assert.Equal(4096, options.MaxResponseBodyBytes);
        Assert.Equal(
            [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10)],
            Enumerable.Range(1, 7).Select(n => schedule.NextDelay(n, null)!.Value));
    }

    [Fact]
    public void NextDelay_AfterLastAttempt_Null()
    {
        var schedule = new RetrySchedule(new DeliveryOptions(), new FixedRandom(0.5));
        Assert.Null(schedule.NextDelay(8, null));
        Assert.Null(schedule.NextDelay(9, TimeSpan.FromSeconds(1)));
    }

    [Theory]
    [InlineData(0.0, 4.0)]
    [InlineData(1.0, 6.0)]
    [InlineData(0.25, 4.5)]
    public void NextDelay_JitterScalesWithinRatio(double random, double expectedSeconds)
    {
        var schedule = new RetrySchedule(new DeliveryOptions(), new FixedRandom(random));
        Assert.Equal(expectedSeconds, schedule.NextDelay(1, null)!.Value.TotalSeconds, precision: 6);
    }

    [Fact]
    public void NextDelay_RetryAfterLonger_Wins()
    {
        var schedule = new RetrySchedule(new DeliveryOptions(), new FixedRandom(0.5));
        Assert.Equal(TimeSpan.FromSeconds(120), schedule.NextDelay(1, TimeSpan.FromSeconds(120)));
    }

    [Fact]
    public void NextDelay_RetryAfterShorter_BackoffWins()
    {
        var schedule = new RetrySchedule(new DeliveryOptions(), new FixedRandom(0.5));
        Assert.Equal(TimeSpan.FromMinutes(5), schedule.NextDelay(2, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void NextDelay_RetryAfterCapped()
    {
        var schedule = new RetrySchedule(new DeliveryOptions { MaxRetryAfter = TimeSpan.FromHours(1) }, new FixedRandom(0.5));
        Assert.Equal(TimeSpan.FromHours(1), schedule.NextDelay(1, TimeSpan.FromDays(3)));
    }

    [Fact]
    public void NextDelay_ConfiguredSchedule_Used()
    {
        var schedule = new RetrySchedule(new DeliveryOptions { RetryDelays = [TimeSpan.Zero, TimeSpan.FromSeconds(1)], JitterRatio = 0 }, Random.Shared);
        Assert.Equal(2, schedule.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(1), schedule.NextDelay(1, null));
        Assert.Null(schedule.NextDelay(2, null));
    }

    [Fact]
    public void NextDelay_ZeroAttempts_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetrySchedule(new DeliveryOptions(), Random.Shared).NextDelay(0, null));

    private static RetrySchedule NoJitter(Action<DeliveryOptions>? configure = null)
    {
        var options = new DeliveryOptions { JitterRatio = 0 };
        configure?.Invoke(options);
        return new RetrySchedule(options, new FixedRandom(0.5));
    }

    [Theory]
    [InlineData(1, 10)]     // 5 s → 10 s
    [InlineData(2, 600)]    // 5 min → 10 min
    [InlineData(4, 10800)]  // 2 h → 3 h: the penalty is capped at 1 h
    public void NextDelay_Overloaded_PenaltyDoublesUpToCap(int attemptsMade, int expectedSeconds)
    {
        var schedule = NoJitter();
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), schedule.NextDelay(schedule.DefaultDelays, attemptsMade, null, overloaded: true));
    }

    [Fact]
    public void NextDelay_OverloadedWithLongerRetryAfter_RetryAfterWins()
    {
        var schedule = NoJitter();
        Assert.Equal(TimeSpan.FromSeconds(60), schedule.NextDelay(schedule.DefaultDelays, 1, TimeSpan.FromSeconds(60), overloaded: true));
        Assert.Equal(TimeSpan.FromSeconds(10), schedule.NextDelay(schedule.DefaultDelays, 1, TimeSpan.FromSeconds(7), overloaded: true));
    }

    [Fact]
    public void NextDelay_PenaltyFactorOne_NoPenalty()
    {
        var schedule = NoJitter(o => o.OverloadPenaltyFactor = 1);
        Assert.Equal(TimeSpan.FromSeconds(5), schedule.NextDelay(schedule.DefaultDelays, 1, null, overloaded: true));
    }

    [Fact]
    public void NextDelay_PenaltyAppliesAfterJitter()
    {
        var schedule = new RetrySchedule(new DeliveryOptions(), new FixedRandom(1.0));
        Assert.Equal(12.0, schedule.NextDelay(schedule.DefaultDelays, 1, null, overloaded: true)!.Value.TotalSeconds, precision: 6); // 5 × 1.2 × 2
    }

    [Fact]
    public void DelaysFor_NoSettings_OperatorSchedule()
    {
        var schedule = NoJitter();
        Assert.Same(schedule.DefaultDelays, schedule.DelaysFor(new SubscriptionSettings(), "invoice.paid"));
    }

    [Theory]
    [InlineData("invoice.paid", new[] { 0, 1 })]
    [InlineData("invoice.payment.failed", new[] { 0, 3 })]
    [InlineData("invoice.created", new[] { 0, 2 })]
    [InlineData("invoiceitem.created", new[] { 0, 9 })]
    [InlineData(null, new[] { 0, 9 })]
    public void DelaysFor_MostSpecificEventTypeWins(string? eventType, int[] expectedSeconds)
    {
        var settings = new SubscriptionSettings
        {
            RetryDelaysSeconds = [0, 9],
            RetryDelaysByEventType = new()
            {
                ["invoice.*"] = [0, 2],
                ["invoice.payment.*"] = [0, 3],
                ["invoice.paid"] = [0, 1],
            },
        };

        var delays = NoJitter().DelaysFor(settings, eventType);

        Assert.Equal(expectedSeconds.Select(s => TimeSpan.FromSeconds(s)), delays);
    }

    [Fact]
    public void DelaysFor_OnlyEventTypeSchedules_OthersUseOperatorSchedule()
    {
        var schedule = NoJitter();
        var settings = new SubscriptionSettings { RetryDelaysByEventType = new() { ["push"] = [0] } };

        Assert.Single(schedule.DelaysFor(settings, "push"));
        Assert.Null(schedule.NextDelay(schedule.DelaysFor(settings, "push"), 1, null, overloaded: false));
        Assert.Equal(8, schedule.DelaysFor(settings, "issues.opened").Count);
    }
}
