using WebhookHub.Delivery;

namespace WebhookHub.Tests.Delivery;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2015, 10, 21, 7, 20, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("120", 120)]
    [InlineData(" 0 ", 0)]
    [InlineData("Wed, 21 Oct 2015 07:28:00 GMT", 480)]
    [InlineData("Wed, 21 Oct 2015 07:00:00 GMT", 0)]
    public void Parse_BothForms(string value, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RetryAfter.Parse(value, Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("soon")]
    [InlineData("1.5")]
    public void Parse_Invalid_Null(string? value) => Assert.Null(RetryAfter.Parse(value, Now));
}
