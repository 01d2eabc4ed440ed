using System.Collections.Frozen;

namespace WebhookHub.Delivery;

/// <summary>
/// The status rules of delivery: what one attempt's result means for the delivery and its subscription. In order:
/// <list type="number">
/// <item>2xx: succeeded (a <c>webhook-delivery: disable</c> directive still disables the subscription for what comes next).</item>
/// <item><c>webhook-delivery: disable</c> on any other answer: dead-letter, and disable the subscription.</item>
/// <item>410 Gone: dead-letter (<c>endpoint disabled: HTTP 410 Gone</c>), and disable the subscription.</item>
/// <item><c>webhook-delivery: abort-message</c>: dead-letter (<c>aborted by receiver</c>).</item>
/// <item>A permanent status (<see cref="DeliveryOptions.PermanentStatusCodes"/>, default 400, 401, 403, 404, 413): dead-letter (<c>permanent status 404</c>).</item>
/// <item>3xx: retried (redirects are never followed); every other 4xx and 5xx, and no response at all (DNS, connection refused
/// or reset, timeout): retried. 429 and timeouts are <em>overloaded</em> and get the overload penalty on the next delay.</item>
/// </list>
/// Thread-safe; the options are copied at construction.
/// </summary>
public sealed class ResponseRules
{
    private readonly FrozenSet<int> _permanent;

    /// <summary>Creates the rules from the operator's options.</summary>
    /// <param name="options">Supplies <see cref="DeliveryOptions.PermanentStatusCodes"/> (empty: the defaults).</param>
    public ResponseRules(DeliveryOptions options)
    {
        _permanent = (options.PermanentStatusCodes is { Length: > 0 } codes ? codes : DeliveryDefaults.PermanentStatusCodes).ToFrozenSet();
    }

    /// <summary>The status codes that dead-letter at once.</summary>
    public IReadOnlySet<int> PermanentStatusCodes => _permanent;

    /// <summary>Judges one attempt.</summary>
    /// <param name="result">What came back.</param>
    public AttemptJudgement Judge(AttemptResult result)
    {
        if (result.StatusCode is not { } code)
        {
            return new AttemptJudgement(AttemptVerdict.Retry, result.Failure ?? "no response", null, result.TimedOut);
        }

        var status = $"HTTP {code}";
        if (code is >= 200 and < 300)
        {
            return new AttemptJudgement(AttemptVerdict.Succeeded, null,
                result.Directive == ReceiverDirective.Disable ? $"disabled by receiver ({ReceiverDirectives.HeaderName}: {ReceiverDirectives.Disable})" : null, false);
        }

        if (result.Directive == ReceiverDirective.Disable)
        {
            var reason = $"disabled by receiver ({ReceiverDirectives.HeaderName}: {ReceiverDirectives.Disable})";
            return new AttemptJudgement(AttemptVerdict.DeadLetter, $"endpoint {reason}: {status}", reason, false);
        }

        if (code == 410)
        {
            return new AttemptJudgement(AttemptVerdict.DeadLetter, "endpoint disabled: HTTP 410 Gone", "endpoint answered HTTP 410 Gone", false);
        }

        if (result.Directive == ReceiverDirective.AbortMessage)
        {
            return new AttemptJudgement(AttemptVerdict.DeadLetter,
                $"aborted by receiver ({ReceiverDirectives.HeaderName}: {ReceiverDirectives.AbortMessage}): {status}", null, false);
        }

        if (_permanent.Contains(code)) return new AttemptJudgement(AttemptVerdict.DeadLetter, $"permanent status {code}", null, false);
        if (code is >= 300 and < 400) return new AttemptJudgement(AttemptVerdict.Retry, $"{status} (redirects are not followed)", null, false);
        return new AttemptJudgement(AttemptVerdict.Retry, status, null, code == 429);
    }
}
