using WebhookHub.Ingestion;
using WebhookHub.Routing;
using WebhookHub.Tenancy;

namespace WebhookHub.Tests.Routing;

public sealed class FanOutTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static WebhookEvent Event(string type = "invoice.paid", string tenant = "ten_a", string source = "src_1") =>
        new(EventIds.ForEvent(source, "evt_1"), tenant, source, "evt_1", type, "application/json", "{}"u8.ToArray(), Now);

    private static Subscription Subscription(string id, string[] types, string[]? sources = null, string tenant = "ten_a", bool active = true) =>
        new(id, tenant, "https://example.com/" + id, types, sources ?? [], "whsec_AAAA", active, Now);

    [Fact]
    public void Plan_MatchesByTypeSourceTenantAndActive()
    {
        var subscriptions = new[]
        {
            Subscription("sub_all", ["*"]),
            Subscription("sub_exact", ["invoice.paid"]),
            Subscription("sub_prefix", ["customer.*", "invoice.*"]),
            Subscription("sub_other_type", ["customer.*"]),
            Subscription("sub_source_match", ["*"], ["src_1"]),
            Subscription("sub_source_other", ["*"], ["src_2"]),
            Subscription("sub_inactive", ["*"], active: false),
            Subscription("sub_other_tenant", ["*"], tenant: "ten_b"),
        };

        var planned = FanOut.Plan(Event(), subscriptions, Now);

        Assert.Equal(["sub_all", "sub_exact", "sub_prefix", "sub_source_match"], planned.Select(d => d.SubscriptionId));
        Assert.All(planned, d => Assert.Equal(Now, d.NextAttemptAt));
    }

    [Fact]
    public void Plan_DeliveryIdsAreStablePerEventAndSubscription()
    {
        var subscriptions = new[] { Subscription("sub_1", ["*"]), Subscription("sub_2", ["*"]) };

        var first = FanOut.Plan(Event(), subscriptions, Now);
        var again = FanOut.Plan(Event(), subscriptions, Now.AddHours(1));

        Assert.Equal(first.Select(d => d.Id), again.Select(d => d.Id));
        Assert.NotEqual(first[0].Id, first[1].Id);
    }

    [Fact]
    public void Plan_EventWithoutType_OnlyWildcard() =>
        Assert.Equal(["sub_all"], FanOut.Plan(Event(type: null!), [Subscription("sub_all", ["*"]), Subscription("sub_x", ["x.*"])], Now).Select(d => d.SubscriptionId));
}
