using System.Diagnostics.Metrics;
using WebhookHub.Delivery;
using WebhookHub.Tenancy;

namespace WebhookHub.Functions.Telemetry;

/// <summary>
/// Metrics on <c>Meter("WebhookHub")</c>: <c>webhookhub.events.received</c> (tags tenant, provider, duplicate),
/// <c>webhookhub.events.rejected</c> (tags tenant, provider, reason), <c>webhookhub.delivery.attempts</c> (tags tenant,
/// outcome), <c>webhookhub.delivery.duration</c> (milliseconds, tags tenant, outcome), <c>webhookhub.delivery.deferred</c> (tags tenant,
/// reason: <c>circuit_open</c> or <c>rate_limited</c>) and <c>webhookhub.delivery.disabled_dead_letters</c> (tag tenant: deliveries
/// dead-lettered unattempted because their subscription is disabled).
/// </summary>
public sealed class WebhookHubMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "WebhookHub";

    private readonly Meter _meter;
    private readonly Counter<long> _received;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _attempts;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _deferred;
    private readonly Counter<long> _disabledDeadLetters;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public WebhookHubMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _received = _meter.CreateCounter<long>("webhookhub.events.received", "{event}", "Verified webhooks, including duplicates.");
        _rejected = _meter.CreateCounter<long>("webhookhub.events.rejected", "{event}", "Webhooks refused: bad signature, unknown source, too large, overloaded.");
        _attempts = _meter.CreateCounter<long>("webhookhub.delivery.attempts", "{attempt}", "Delivery attempts by outcome.");
        _duration = _meter.CreateHistogram<double>("webhookhub.delivery.duration", "ms", "Delivery attempt duration.");
        _deferred = _meter.CreateCounter<long>("webhookhub.delivery.deferred", "{delivery}", "Deliveries held back unattempted by an open circuit or a rate limit.");
        _disabledDeadLetters = _meter.CreateCounter<long>("webhookhub.delivery.disabled_dead_letters", "{delivery}", "Deliveries dead-lettered unattempted because their subscription is disabled.");
    }

    internal void Received(Source source, bool duplicate) =>
        _received.Add(1, new("tenant", source.TenantId), new("provider", source.Provider), new("duplicate", duplicate));

    internal void Rejected(Source? source, string reason) =>
        _rejected.Add(1, new("tenant", source?.TenantId), new("provider", source?.Provider), new("reason", reason));

    internal void Attempted(string tenantId, DeliveryAttempt attempt)
    {
        var outcome = attempt.Outcome.ToString().ToLowerInvariant();
        _attempts.Add(1, new("tenant", tenantId), new("outcome", outcome));
        _duration.Record(attempt.DurationMilliseconds, new("tenant", tenantId), new("outcome", outcome));
    }

    internal void Deferred(string tenantId, string reason) => _deferred.Add(1, new("tenant", tenantId), new("reason", reason));

    internal void DeadLetteredUnattempted(string tenantId) => _disabledDeadLetters.Add(1, new KeyValuePair<string, object?>("tenant", tenantId));

    /// <inheritdoc/>
    public void Dispose() => _meter.Dispose();
}
