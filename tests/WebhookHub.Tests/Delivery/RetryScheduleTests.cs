using WebhookHub.Delivery;
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
}
