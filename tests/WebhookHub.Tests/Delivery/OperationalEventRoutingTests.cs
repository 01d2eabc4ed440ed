using WebhookHub.Delivery;
using WebhookHub.Ingestion;
using WebhookHub.Routing;
using WebhookHub.Tenancy;

namespace WebhookHub.Tests.Delivery;

/// <summary>Which subscriptions operational events fan out to.</summary>
public sealed class OperationalEventRoutingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static Subscription Subscription(string[] eventTypes, string[]? sourceIds = null, bool active = true) =>
        new("sub_" + string.Join("_", eventTypes), "ten_a", "https://a.example.com/h", eventTypes, sourceIds ?? [], "whsec_x", active, Now);

    private static readonly WebhookEvent Disabled = OperationalEvents.ForDisabled("ten_a", "sub_x", "gone", Now, null, Now);

    [Theory]
    [InlineData("webhookhub.*", true)]
    [InlineData("webhookhub.endpoint.*", true)]
    [InlineData("webhookhub.endpoint.disabled", true)]
    [InlineData("webhookhub.attempt.*", false)]
    [InlineData("*", false)]
    [InlineData("endpoint.*", false)]
    public void Matches_OperationalEvent_OnlyFiltersThatNameIt(string filter, bool expected) =>
        Assert.Equal(expected, FanOut.Matches(Subscription([filter]), Disabled));

    [Fact]
    public void Matches_OperationalEvent_SourceFilterDoesNotApply() =>
        Assert.True(FanOut.Matches(Subscription(["webhookhub.*"], ["src_1"]), Disabled));

    [Fact]
    public void Matches_OperationalEvent_OtherTenantOrInactive_No()
    {
        Assert.False(FanOut.Matches(Subscription(["webhookhub.*"]) with { TenantId = "ten_b" }, Disabled));
        Assert.False(FanOut.Matches(Subscription(["webhookhub.*"], active: false), Disabled));
    }

    [Fact]
    public void Matches_ProviderEventTypedLikeAnOperationalOne_StillAnOrdinaryEvent()
    {
        var spoof = new WebhookEvent("evt_1", "ten_a", "src_1", "p1", OperationalEvents.EndpointDisabled, "application/json", "{}"u8.ToArray(), Now);

        Assert.True(FanOut.Matches(Subscription(["*"]), spoof));
        Assert.False(OperationalEvents.IsOperational(spoof));
    }

    [Fact]
    public void Plan_CatchAllAndOperationalSubscribers_OnlyTheLatterGetsIt()
    {
        var planned = FanOut.Plan(Disabled, [Subscription(["*"]), Subscription(["*", "webhookhub.*"]), Subscription(["invoice.*"])], Now);

        Assert.Equal(["sub_*_webhookhub.*"], planned.Select(d => d.SubscriptionId));
    }
}
