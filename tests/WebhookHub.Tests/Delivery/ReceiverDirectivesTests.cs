using WebhookHub.Delivery;

namespace WebhookHub.Tests.Delivery;

public sealed class ReceiverDirectivesTests
{
    [Theory]
    [InlineData("disable", ReceiverDirective.Disable)]
    [InlineData("DISABLE", ReceiverDirective.Disable)]
    [InlineData(" abort-message ", ReceiverDirective.AbortMessage)]
    [InlineData("abort-message, disable", ReceiverDirective.Disable)]
    [InlineData("abort", ReceiverDirective.None)]
    [InlineData("", ReceiverDirective.None)]
    public void Parse_Values(string value, ReceiverDirective expected) =>
        Assert.Equal(expected, ReceiverDirectives.Parse([value]));

    [Fact]
    public void Parse_AbsentOrSeveralHeaders()
    {
        Assert.Equal(ReceiverDirective.None, ReceiverDirectives.Parse(null));
        Assert.Equal(ReceiverDirective.Disable, ReceiverDirectives.Parse(["abort-message", "disable"]));
        Assert.Equal("webhook-delivery", ReceiverDirectives.HeaderName);
    }
}
