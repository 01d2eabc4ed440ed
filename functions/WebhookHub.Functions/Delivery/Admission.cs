namespace WebhookHub.Functions.Delivery;

/// <summary>What <see cref="EndpointFlow.Admit"/> decided for a claimed delivery.</summary>
internal enum AdmissionKind
{
    /// <summary>Attempt it now (through the circuit breaker).</summary>
    Send,

    /// <summary>The subscription is disabled: dead-letter it unattempted.</summary>
    Disabled,

    /// <summary>Over the rate limit: defer it by <see cref="Admission.RetryAfter"/>.</summary>
    RateLimited,
}

/// <summary>An admission decision; <paramref name="RetryAfter"/> only for <see cref="AdmissionKind.RateLimited"/>.</summary>
internal readonly record struct Admission(AdmissionKind Kind, TimeSpan RetryAfter);
