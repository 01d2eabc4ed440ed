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
    [InlineData("Wednesday, 21-Oct-15 07:28:00 GMT", 480)]
    [InlineData("Wed Oct 21 07:28:00 2015", 480)]
    [InlineData("Thu Oct  1 07:28:00 2015", 0)]
    [InlineData("Thu, 22 Oct 2015 07:20:00 GMT", 86400)]
    [InlineData("99999999999999999999999", 365 * 86400)]
    [InlineData("Fri, 21 Oct 2016 07:20:01 GMT", 365 * 86400)]
    public void Parse_BothForms(string value, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RetryAfter.Parse(value, Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("soon")]
    [InlineData("1.5")]
    [InlineData("2015-10-21T07:28:00Z")]
    [InlineData("Wed, 21 Oct 2015 07:28:00 PST")]
    public void Parse_Invalid_Null(string? value) => Assert.Null(RetryAfter.Parse(value, Now));
}
