using WebhookHub.Delivery;

namespace WebhookHub.Tests.Delivery;

public sealed class ResponseRulesTests
{
    private static readonly ResponseRules Defaults = new(new DeliveryOptions());

    [Fact]
    public void Ctor_Defaults_PermanentCodesAreTheDocumentedOnes()
    {
        var options = new DeliveryOptions();

        Assert.Empty(options.PermanentStatusCodes);
        Assert.Equal([400, 401, 403, 404, 413], Defaults.PermanentStatusCodes.Order());
        Assert.Equal(2.0, options.OverloadPenaltyFactor);
        Assert.Equal(TimeSpan.FromHours(1), options.MaxOverloadPenalty);
    }

    [Theory]
    [InlineData(200, AttemptVerdict.Succeeded, null)]
    [InlineData(299, AttemptVerdict.Succeeded, null)]
    [InlineData(302, AttemptVerdict.Retry, "HTTP 302 (redirects are not followed)")]
    [InlineData(400, AttemptVerdict.DeadLetter, "permanent status 400")]
    [InlineData(413, AttemptVerdict.DeadLetter, "permanent status 413")]
    [InlineData(410, AttemptVerdict.DeadLetter, "endpoint disabled: HTTP 410 Gone")]
    [InlineData(408, AttemptVerdict.Retry, "HTTP 408")]
    [InlineData(429, AttemptVerdict.Retry, "HTTP 429")]
    [InlineData(500, AttemptVerdict.Retry, "HTTP 500")]
    [InlineData(599, AttemptVerdict.Retry, "HTTP 599")]
    public void Judge_Status(int status, AttemptVerdict verdict, string? error)
    {
        var judgement = Defaults.Judge(AttemptResult.Response(status));

        Assert.Equal(verdict, judgement.Verdict);
        Assert.Equal(error, judgement.Error);
        Assert.Equal(status == 410, judgement.DisableReason is not null);
        Assert.Equal(status == 429, judgement.Overloaded);
    }

    [Fact]
    public void Judge_NoResponse_RetriedOverloadedOnlyWhenTimedOut()
    {
        var refused = Defaults.Judge(AttemptResult.NoResponse("connection failed: ConnectionRefused"));
        var timedOut = Defaults.Judge(AttemptResult.NoResponse("timed out after 15 s", timedOut: true));

        Assert.Equal((AttemptVerdict.Retry, "connection failed: ConnectionRefused", false), (refused.Verdict, refused.Error, refused.Overloaded));
        Assert.Equal((AttemptVerdict.Retry, "timed out after 15 s", true), (timedOut.Verdict, timedOut.Error, timedOut.Overloaded));
    }

    [Theory]
    [InlineData(200, AttemptVerdict.Succeeded, null)]
    [InlineData(404, AttemptVerdict.DeadLetter, "endpoint disabled by receiver (webhook-delivery: disable): HTTP 404")]
    [InlineData(503, AttemptVerdict.DeadLetter, "endpoint disabled by receiver (webhook-delivery: disable): HTTP 503")]
    public void Judge_DisableDirective_AlwaysDisables(int status, AttemptVerdict verdict, string? error)
    {
        var judgement = Defaults.Judge(AttemptResult.Response(status, directive: ReceiverDirective.Disable));

        Assert.Equal((verdict, error), (judgement.Verdict, judgement.Error));
        Assert.Equal("disabled by receiver (webhook-delivery: disable)", judgement.DisableReason);
    }

    [Theory]
    [InlineData(200, AttemptVerdict.Succeeded, null)]
    [InlineData(302, AttemptVerdict.DeadLetter, "aborted by receiver (webhook-delivery: abort-message): HTTP 302")]
    [InlineData(429, AttemptVerdict.DeadLetter, "aborted by receiver (webhook-delivery: abort-message): HTTP 429")]
    [InlineData(410, AttemptVerdict.DeadLetter, "endpoint disabled: HTTP 410 Gone")]
    public void Judge_AbortDirective_DeadLettersFailuresOnly(int status, AttemptVerdict verdict, string? error)
    {
        var judgement = Defaults.Judge(AttemptResult.Response(status, directive: ReceiverDirective.AbortMessage));

        Assert.Equal((verdict, error), (judgement.Verdict, judgement.Error));
    }

    [Fact]
    public void Judge_ConfiguredPermanentCodes_ReplaceDefaults()
    {
        var rules = new ResponseRules(new DeliveryOptions { PermanentStatusCodes = [422, 501] });

        Assert.Equal(AttemptVerdict.DeadLetter, rules.Judge(AttemptResult.Response(501)).Verdict);
        Assert.Equal(AttemptVerdict.Retry, rules.Judge(AttemptResult.Response(404)).Verdict);
        Assert.Equal(AttemptVerdict.DeadLetter, rules.Judge(AttemptResult.Response(410)).Verdict);
    }
}
