using WebhookHub.Routing;

namespace WebhookHub.Tests.Routing;

public sealed class EventTypeFilterTests
{
    [Theory]
    [InlineData("*", "invoice.paid", true)]
    [InlineData("*", null, true)]
    [InlineData("invoice.paid", "invoice.paid", true)]
    [InlineData("invoice.paid", "invoice.paid.extra", false)]
    [InlineData("invoice.paid", "Invoice.Paid", false)]
    [InlineData("invoice.*", "invoice.paid", true)]
    [InlineData("invoice.*", "invoice.payment.failed", true)]
    [InlineData("invoice.*", "invoice", false)]
    [InlineData("invoice.*", "invoiceitem.created", false)]
    [InlineData("issues.*", "issues.opened", true)]
    [InlineData("push", "push", true)]
    [InlineData("push", null, false)]
    public void Matches_Cases(string filter, string? eventType, bool expected) =>
        Assert.Equal(expected, EventTypeFilter.Matches(filter, eventType));

    [Theory]
    [InlineData("*", true)]
    [InlineData("invoice.*", true)]
    [InlineData("invoice.paid", true)]
    [InlineData("", false)]
    [InlineData("in*voice", false)]
    [InlineData("invoice*", false)]
    [InlineData(".*", false)]
    [InlineData("a.*.*", false)]
    public void IsValid_Cases(string filter, bool expected) => Assert.Equal(expected, EventTypeFilter.IsValid(filter));
}
