namespace WebhookHub.Delivery;

/// <summary>What came back from one delivery attempt, before <see cref="ResponseRules"/> judge it.</summary>
/// <param name="StatusCode">The HTTP status, or <see langword="null"/> when no response arrived (DNS, connect, reset, timeout).</param>
/// <param name="Failure">Why no response arrived (<c>timed out after 15 s</c>, <c>connection failed: ConnectionRefused</c>, …); <see langword="null"/> with a status.</param>
/// <param name="TimedOut"><see langword="true"/> when the attempt ran past <see cref="DeliveryOptions.Timeout"/>.</param>
/// <param name="RetryAfter">The receiver's <c>Retry-After</c> on a 429 or 503 (see <see cref="Delivery.RetryAfter"/>), else <see langword="null"/>.</param>
/// <param name="Directive">The receiver's <c>webhook-delivery</c> header (see <see cref="ReceiverDirectives"/>).</param>
public readonly record struct AttemptResult(int? StatusCode, string? Failure, bool TimedOut, TimeSpan? RetryAfter, ReceiverDirective Directive)
{
    /// <summary>A response with a status code.</summary>
    public static AttemptResult Response(int statusCode, TimeSpan? retryAfter = null, ReceiverDirective directive = ReceiverDirective.None) =>
        new(statusCode, null, false, retryAfter, directive);

    /// <summary>No response: the request failed before one arrived.</summary>
    /// <param name="failure">Human-readable cause, without secrets.</param>
    /// <param name="timedOut">Whether it was the attempt timeout.</param>
    public static AttemptResult NoResponse(string failure, bool timedOut = false) => new(null, failure, timedOut, null, ReceiverDirective.None);
}

/// <summary>What an attempt means for its delivery.</summary>
public enum AttemptVerdict
{
    /// <summary>Delivered (2xx).</summary>
    Succeeded,

    /// <summary>Failed in a way that may pass later: try again on the retry schedule (dead-lettered if it is exhausted).</summary>
    Retry,

    /// <summary>Failed for good: dead-letter now, whatever is left of the schedule.</summary>
    DeadLetter,
}

/// <summary>The judgement of one attempt by <see cref="ResponseRules"/>.</summary>
/// <param name="Verdict">What happens to the delivery.</param>
/// <param name="Error">Human-readable reason, stored as the attempt's error and the delivery's <c>LastError</c>; <see langword="null"/> on success.</param>
/// <param name="DisableReason">When not <see langword="null"/>, the subscription is disabled with this reason (410 Gone, <c>webhook-delivery: disable</c>).</param>
/// <param name="Overloaded"><see langword="true"/> after a 429 or a timeout: the next delay gets the overload penalty.</param>
public readonly record struct AttemptJudgement(AttemptVerdict Verdict, string? Error, string? DisableReason, bool Overloaded);
