using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using WebhookHub.Delivery;
using WebhookHub.Functions.Delivery;
using WebhookHub.Functions.Telemetry;
using WebhookHub.Tracing;

namespace WebhookHub.Functions.CustomHandler;

/// <summary>
/// The <c>deliver</c> function (<c>azure/functions/deliver/function.json</c>): a Service Bus trigger on the deliveries queue
/// whose message is <c>{"tenantId":"ten_…","deliveryId":"dlv_…"}</c>. Leases that delivery (<see cref="IDeliveryStore.ClaimByIdAsync"/>) and takes
/// it through the <see cref="EndpointFlow"/>, like the standalone delivery worker: disabled endpoints dead-letter, rate limits
/// and open circuits defer, the rest make one signed attempt whose outcome is recorded. Idempotent: a delivery that has
/// succeeded or is dead, or whose next attempt is not yet due (the attempt this message asked for was made), is left alone.
/// </summary>
/// <remarks>
/// Answers: 200 with <c>ReturnValue</c> <c>{"deliveryId","outcome","status",…}</c> whenever the delivery's state is recorded
/// (including a failed attempt with a retry scheduled, which the engine owns, not Service Bus); 400 for a malformed message;
/// 404 for an unknown delivery; 409 while another consumer holds its lease; 500 when the attempt could not be made or recorded.
/// Non-2xx answers fail the invocation, so Service Bus redelivers the message and dead-letters it after <c>maxDeliveryCount</c>.
/// Logs carry IDs, outcomes and status codes only: never URLs, secrets, headers or payloads. The work runs under a consumer
/// activity continuing the message's <c>Diagnostic-Id</c> trace (<see cref="TraceContext.StartConsumer"/>), so the delivery's
/// HTTP call is part of the trace that began at ingest.
/// </remarks>
internal static class DeliverFunction
{
    /// <summary>The function name, which is also the path the Functions host POSTs invocations to.</summary>
    public const string Name = "deliver";

    /// <summary>The consumer activity's name, <c>Process deliver</c> (the Functions host records its own <c>deliver</c> invocation).</summary>
    private const string ActivityName = "Process " + Name;

    /// <summary>Handles one invocation; see the type's remarks for the answers.</summary>
    public static async Task<JsonHttpResult<InvocationResponse>> InvokeAsync(
        HttpRequest request, IDeliveryStore deliveries, EndpointFlow flow, IOptions<DeliveryOptions> options, WebhookHubMetrics metrics,
        TimeProvider timeProvider, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(DeliverFunction).FullName!);
        var (invocation, rejection) = await InvocationContext.ReadAsync(request, Name, "deliveryId", logger, cancellationToken);
        return invocation is null ? rejection! : await RunAsync(invocation, deliveries, flow, options, metrics, timeProvider, logger, cancellationToken);
    }

    /// <summary>
    /// Makes the attempt <paramref name="invocation"/> asks for, under a consumer activity continuing the message's
    /// <c>Diagnostic-Id</c> trace; shared with the Service Bus receiver used outside Functions.
    /// </summary>
    public static async Task<JsonHttpResult<InvocationResponse>> RunAsync(
        InvocationContext invocation, IDeliveryStore deliveries, EndpointFlow flow, IOptions<DeliveryOptions> options, WebhookHubMetrics metrics,
        TimeProvider timeProvider, ILogger logger, CancellationToken cancellationToken)
    {
        using var activity = TraceContext.StartConsumer(ActivityName, invocation.Metadata.DiagnosticId);
        TraceContext.Tag(invocation.TenantId);
        var result = await DeliverAsync(invocation, deliveries, flow, options, metrics, timeProvider, logger, cancellationToken);
        TraceContext.SetResult(activity, result.StatusCode ?? StatusCodes.Status200OK);
        return result;
    }

    private static async Task<JsonHttpResult<InvocationResponse>> DeliverAsync(
        InvocationContext invocation, IDeliveryStore deliveries, EndpointFlow flow, IOptions<DeliveryOptions> options, WebhookHubMetrics metrics,
        TimeProvider timeProvider, ILogger logger, CancellationToken cancellationToken)
    {
        var id = invocation.Id;
        try
        {
            var claim = await deliveries.ClaimByIdAsync(invocation.TenantId, id, timeProvider.GetUtcNow(), options.Value.Lease, cancellationToken);
            if (claim.Outcome != ClaimByIdOutcome.Claimed) Log.DeliveryNotClaimed(logger, id, claim.Outcome);
            switch (claim.Outcome)
            {
                case ClaimByIdOutcome.NotFound:
                    return InvocationContext.Fail(StatusCodes.Status404NotFound, $"deliver: delivery {id} not found");
                case ClaimByIdOutcome.Leased when claim.FollowUpScheduled:
                    return InvocationContext.Ok(InvocationResponse.Of(
                        Summary(claim.Delivery!, "leased"), $"deliver: delivery {id} is leased by another consumer; a message is scheduled for when the lease ends"));
                case ClaimByIdOutcome.Leased:
                    return InvocationContext.Fail(StatusCodes.Status409Conflict, $"deliver: delivery {id} is leased by another consumer; retried by Service Bus");
                case ClaimByIdOutcome.Terminal or ClaimByIdOutcome.NotDue:
                    return InvocationContext.Ok(InvocationResponse.Of(
                        Summary(claim.Delivery!, claim.Outcome == ClaimByIdOutcome.Terminal ? "already_final" : "not_due"),
                        $"deliver: delivery {id} is {Status(claim.Delivery!.Status)}; nothing to do"));
            }

            var job = claim.Job!;
            var attempt = await flow.ProcessAsync(job, flow.Admit(job), cancellationToken);
            if (attempt is null)
            {
                var current = await deliveries.GetDeliveryAsync(job.Delivery.TenantId, id, CancellationToken.None) ?? job.Delivery;
                return InvocationContext.Ok(InvocationResponse.Of(
                    Summary(current, "not_attempted"), $"deliver: delivery {id} not attempted (endpoint disabled, rate limited or circuit open); now {Status(current.Status)}"));
            }

            var delivery = job.Delivery;
            metrics.Attempted(delivery.TenantId, attempt);
            Log.DeliveryAttempted(logger, delivery.TenantId, delivery.EventId, delivery.Id, attempt.AttemptNumber, attempt.Outcome, attempt.StatusCode, attempt.Error);
            if (attempt.Outcome == DeliveryStatus.Dead)
            {
                Log.DeliveryDeadLettered(logger, delivery.TenantId, delivery.EventId, delivery.Id, attempt.AttemptNumber, attempt.Error);
            }

            var recorded = await deliveries.GetDeliveryAsync(delivery.TenantId, id, CancellationToken.None) ?? delivery;
            var summary = Summary(recorded, "attempted");
            summary["attempt"] = attempt.AttemptNumber;
            summary["statusCode"] = attempt.StatusCode;
            var code = attempt.StatusCode is { } status ? $"HTTP {status}" : "no response";
            return InvocationContext.Ok(InvocationResponse.Of(summary, $"deliver: delivery {id} attempt {attempt.AttemptNumber}: {code} -> {Status(attempt.Outcome)}"));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.InvocationFailed(logger, Name, invocation.Metadata.MessageId, invocation.Metadata.DeliveryCount, exception);
            return InvocationContext.Fail(StatusCodes.Status500InternalServerError, $"deliver: delivery {id} failed ({exception.GetType().Name}); retried by Service Bus");
        }
    }

    private static JsonObject Summary(WebhookDelivery delivery, string outcome)
    {
        var summary = new JsonObject { ["deliveryId"] = delivery.Id, ["outcome"] = outcome, ["status"] = Status(delivery.Status) };
        if (delivery.Status is DeliveryStatus.Pending or DeliveryStatus.Failed) summary["nextAttemptAt"] = delivery.NextAttemptAt;
        return summary;
    }

    private static string Status(DeliveryStatus status) => status.ToString().ToLowerInvariant();
}
