using System.Globalization;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using WebhookHub.Delivery;
using WebhookHub.Functions.Telemetry;
using WebhookHub.Ingestion;
using WebhookHub.Tenancy;

namespace WebhookHub.Functions.Delivery;

/// <summary>
/// Takes a claimed delivery through its endpoint's controls: a disabled subscription's deliveries are dead-lettered; the rate
/// limit and the circuit breaker hold deliveries back (deferred, no attempt used); the rest are sent by the
/// <see cref="Deliverer"/> inside the circuit, and the endpoint's health and operational events follow from the attempt.
/// Also builds the worker's <see cref="DeliveryClaim"/>, so claims skip what these controls would hold back anyway.
/// Thread-safe.
/// </summary>
internal sealed class EndpointFlow(
    Deliverer deliverer,
    IDeliveryStore deliveries,
    IEventStore events,
    EndpointCircuitBreakers circuits,
    EndpointRateLimiters rateLimiters,
    EndpointHealthTracker health,
    IOptions<DeliveryOptions> options,
    WebhookHubMetrics metrics,
    TimeProvider timeProvider,
    ILogger<EndpointFlow> logger)
{
    /// <summary>
    /// The dead-letter reason of deliveries whose subscription is disabled: <c>endpoint disabled</c>, followed by the engine's
    /// last disable with its date when there was one (it may predate a re-enable and a later disable by the tenant), for
    /// example <c>endpoint disabled (disabled 2026-11-21 12:00:00Z: endpoint answered HTTP 410 Gone)</c>.
    /// </summary>
    public static string EndpointDisabledReason(SubscriptionHealth health) =>
        health is { DisabledReason: { } why, DisabledAt: { } at }
            ? string.Create(CultureInfo.InvariantCulture, $"endpoint disabled (disabled {at.UtcDateTime:yyyy'-'MM'-'dd HH':'mm':'ss}Z: {why})")
            : "endpoint disabled";

    private readonly int _defaultMaxConcurrency = options.Value.MaxConcurrencyPerSubscription;
    private readonly TimeSpan _lease = options.Value.Lease;

    /// <summary>A claim for up to <paramref name="max"/> deliveries, given what the caller has in flight per subscription.</summary>
    public DeliveryClaim CreateClaim(int max, IReadOnlyDictionary<string, int> inFlight)
    {
        var now = timeProvider.GetUtcNow();
        var limits = new Dictionary<string, int>();
        circuits.AddClaimLimits(limits, now, inFlight);
        rateLimiters.AddClaimLimits(limits);
        return new DeliveryClaim(max, now, _lease)
        {
            DefaultMaxConcurrencyPerSubscription = _defaultMaxConcurrency,
            InFlight = inFlight,
            Limits = limits,
        };
    }

    /// <summary>
    /// Decides, at once on claiming, whether a delivery may be attempted now; takes its rate-limit token if so, so that the
    /// next claim sees the bucket as it is.
    /// </summary>
    public Admission Admit(DeliveryJob job)
    {
        if (!job.Subscription.Active) return new Admission(AdmissionKind.Disabled, TimeSpan.Zero);
        return rateLimiters.TryAcquire(job.Subscription, out var retryAfter)
            ? new Admission(AdmissionKind.Send, TimeSpan.Zero)
            : new Admission(AdmissionKind.RateLimited, retryAfter);
    }

    /// <summary>Carries out <paramref name="admission"/> for <paramref name="job"/>; returns the attempt made, if one was.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled during the attempt (nothing recorded).</exception>
    public async Task<DeliveryAttempt?> ProcessAsync(DeliveryJob job, Admission admission, CancellationToken cancellationToken)
    {
        var delivery = job.Delivery;
        switch (admission.Kind)
        {
            case AdmissionKind.Disabled:
                await deliveries.DeadLetterAsync(delivery.TenantId, delivery.Id, EndpointDisabledReason(job.Subscription.Health), timeProvider.GetUtcNow(), CancellationToken.None);
                metrics.DeadLetteredUnattempted(delivery.TenantId);
                Log.DeliveryDeadLetteredDisabled(logger, delivery.TenantId, delivery.EventId, delivery.Id, delivery.SubscriptionId);
                return null;
            case AdmissionKind.RateLimited:
                await DeferAsync(job, timeProvider.GetUtcNow() + admission.RetryAfter, "rate_limited");
                return null;
        }

        DeliveryAttempt attempt;
        try
        {
            attempt = await circuits.ExecuteAsync(job.Subscription, token => new ValueTask<DeliveryAttempt>(deliverer.DeliverAsync(job, token)), cancellationToken);
        }
        catch (BrokenCircuitException)
        {
            var now = timeProvider.GetUtcNow();
            await DeferAsync(job, circuits.RetryAt(delivery.SubscriptionId, now), "circuit_open");
            return null;
        }

        await RecordHealthAsync(job, attempt);
        return attempt;
    }

    private async Task DeferAsync(DeliveryJob job, DateTimeOffset until, string reason)
    {
        var delivery = job.Delivery;
        await deliveries.DeferAsync(delivery.TenantId, delivery.Id, until, CancellationToken.None);
        metrics.Deferred(delivery.TenantId, reason);
        Log.DeliveryDeferred(logger, delivery.TenantId, delivery.EventId, delivery.Id, until, reason);
    }

    private async Task RecordHealthAsync(DeliveryJob job, DeliveryAttempt attempt)
    {
        var subscription = job.Subscription;
        EndpointHealthReport report;
        try
        {
            report = await health.RecordAsync(job, attempt, CancellationToken.None);
        }
        catch (Exception exception)
        {
            Log.HealthUpdateFailed(logger, subscription.TenantId, subscription.Id, exception);
            return;
        }

        if (report.Disabled) Log.SubscriptionDisabled(logger, subscription.TenantId, subscription.Id);
        if (report.Recovered) Log.SubscriptionRecovered(logger, subscription.TenantId, subscription.Id);
        foreach (var operational in report.Events)
        {
            try
            {
                await events.AppendAsync(operational, CancellationToken.None);
            }
            catch (Exception exception)
            {
                Log.OperationalEventNotStored(logger, operational.TenantId, operational.EventType!, operational.Id, exception);
            }
        }
    }
}
