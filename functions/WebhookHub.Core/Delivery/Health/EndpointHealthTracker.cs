using System.Collections.Concurrent;
using System.Globalization;
using WebhookHub.Ingestion;
using WebhookHub.Tenancy;

namespace WebhookHub.Delivery;

/// <summary>
/// Keeps each subscription's <see cref="SubscriptionHealth"/> after its attempts: a failure starts or extends the run of
/// failures (<see cref="SubscriptionHealth.FailingSince"/>, <see cref="SubscriptionHealth.ConsecutiveFailures"/>), a success
/// ends it, and a run longer than <see cref="DeliveryOptions.AutoDisableAfter"/> disables the subscription. It also decides
/// the operational events (see <see cref="OperationalEvents"/>) an attempt causes. Thread-safe: updates of one subscription
/// are serialised in this process, each a read-modify-write of the stored health.
/// </summary>
/// <remarks>
/// Health is written only when it changes: on every failed attempt, and on the first success after failures; a success of a
/// healthy endpoint writes nothing.
/// </remarks>
/// <param name="tenants">Where subscriptions and their health are stored.</param>
/// <param name="options">Auto-disable time and the failing-event threshold; copied at construction.</param>
/// <param name="timeProvider">The clock.</param>
public sealed class EndpointHealthTracker(ITenantStore tenants, DeliveryOptions options, TimeProvider timeProvider)
{
    private readonly TimeSpan _autoDisableAfter = options.AutoDisableAfter;
    private readonly int _failingAfter = options.FailingEventAfterAttempts;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new();
    private readonly ConcurrentDictionary<string, byte> _failing = new();

    /// <summary>Records what <paramref name="attempt"/> of <paramref name="job"/> means for its endpoint.</summary>
    /// <param name="job">The delivery as claimed (its subscription as it was then).</param>
    /// <param name="attempt">The attempt just recorded.</param>
    /// <param name="cancellationToken">Cancels the store calls.</param>
    /// <returns>The change and the operational events the caller should append.</returns>
    public async Task<EndpointHealthReport> RecordAsync(DeliveryJob job, DeliveryAttempt attempt, CancellationToken cancellationToken = default)
    {
        var emit = !OperationalEvents.IsOperational(job.Event);
        var events = new List<WebhookEvent>();
        var now = timeProvider.GetUtcNow();
        if (emit && attempt.Outcome == DeliveryStatus.Dead)
        {
            events.Add(OperationalEvents.ForAttempt(OperationalEvents.DeliveryExhausted, job, attempt, now));
        }
        else if (emit && attempt.Outcome == DeliveryStatus.Failed && job.Delivery.RetryIndex + 1 == _failingAfter)
        {
            events.Add(OperationalEvents.ForAttempt(OperationalEvents.AttemptFailing, job, attempt, now));
        }

        var subscription = job.Subscription;
        var succeeded = attempt.Outcome == DeliveryStatus.Succeeded;
        if (succeeded && subscription.Health.FailingSince is null && subscription.Health.ConsecutiveFailures == 0 && !_failing.ContainsKey(subscription.Id))
        {
            return events.Count == 0 ? EndpointHealthReport.Unchanged : new EndpointHealthReport(false, false, events);
        }

        var gate = _locks.GetOrAdd(subscription.Id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = await tenants.GetSubscriptionAsync(subscription.TenantId, subscription.Id, cancellationToken).ConfigureAwait(false);
            if (current is null) return new EndpointHealthReport(false, false, events);
            return succeeded
                ? await RecordSuccessAsync(current, emit, events, now, cancellationToken).ConfigureAwait(false)
                : await RecordFailureAsync(subscription, current, attempt, emit, events, now, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<EndpointHealthReport> RecordSuccessAsync(
        Subscription current, bool emit, List<WebhookEvent> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        _failing.TryRemove(current.Id, out _);
        var health = current.Health;
        if (health.FailingSince is not { } since) return new EndpointHealthReport(false, false, events);

        var failures = health.ConsecutiveFailures;
        health.FailingSince = null;
        health.ConsecutiveFailures = 0;
        await tenants.UpdateSubscriptionHealthAsync(current.TenantId, current.Id, current.Active, health, cancellationToken).ConfigureAwait(false);
        var recovered = failures >= _failingAfter;
        if (recovered && emit) events.Add(OperationalEvents.ForRecovered(current.TenantId, current.Id, since, failures, now));
        return new EndpointHealthReport(false, recovered, events);
    }

    private async Task<EndpointHealthReport> RecordFailureAsync(
        Subscription claimed, Subscription current, DeliveryAttempt attempt, bool emit, List<WebhookEvent> events, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var health = current.Health;
        if (!current.Active)
        {
            // Disabled meanwhile, by another rule (410 Gone, a receiver's directive) during this very attempt: tell the tenant.
            _failing.TryRemove(current.Id, out _);
            if (emit && claimed.Active && health.DisabledAt is { } at && at >= attempt.StartedAt)
            {
                events.Add(OperationalEvents.ForDisabled(current.TenantId, current.Id, health.DisabledReason, at, health.FailingSince, now));
            }

            return new EndpointHealthReport(false, false, events);
        }

        var since = health.FailingSince ??= attempt.StartedAt;
        health.ConsecutiveFailures++;
        var disable = _autoDisableAfter > TimeSpan.Zero && now - since >= _autoDisableAfter;
        if (disable)
        {
            var reason = string.Create(CultureInfo.InvariantCulture,
                $"endpoint failed continuously since {since.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} ({health.ConsecutiveFailures} attempts, no success)");
            health.MarkDisabled(reason, now);
            health.FailingSince = null;
            health.ConsecutiveFailures = 0;
            _failing.TryRemove(current.Id, out _);
            if (emit) events.Add(OperationalEvents.ForDisabled(current.TenantId, current.Id, reason, now, since, now));
        }
        else
        {
            _failing[current.Id] = 0;
        }

        await tenants.UpdateSubscriptionHealthAsync(current.TenantId, current.Id, !disable, health, cancellationToken).ConfigureAwait(false);
        return new EndpointHealthReport(disable, false, events);
    }
}
