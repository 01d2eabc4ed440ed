using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using WebhookHub.Functions.Telemetry;
using WebhookHub.Routing;
using WebhookHub.Tracing;

namespace WebhookHub.Functions.CustomHandler;

/// <summary>
/// The <c>dispatch</c> function (<c>azure/functions/dispatch/function.json</c>): a Service Bus trigger on the events topic whose
/// message is <c>{"tenantId":"ten_…","eventId":"evt_…"}</c>. Fans the event out to its tenant's matching subscriptions with the
/// <see cref="Dispatcher"/>, like the standalone dispatch worker. Idempotent: delivery IDs derive from (event, subscription)
/// and existing deliveries are kept as they are, so a redelivered message changes nothing already dispatched.
/// </summary>
internal static class DispatchFunction
{
    /// <summary>The function name, which is also the path the Functions host POSTs invocations to.</summary>
    public const string Name = "dispatch";

    /// <summary>The consumer activity's name, <c>Process dispatch</c> (the Functions host records its own <c>dispatch</c> invocation).</summary>
    private const string ActivityName = "Process " + Name;

    /// <summary>
    /// Handles one invocation: 200 with <c>ReturnValue</c> <c>{"eventId","deliveryIds":[…]}</c>; 400 for a malformed message;
    /// 404 for an unknown event and 500 when dispatch fails (both non-2xx, so Service Bus retries, then dead-letters). The work runs
    /// under a consumer activity continuing the message's <c>Diagnostic-Id</c> trace (<see cref="TraceContext.StartConsumer"/>).
    /// </summary>
    public static async Task<JsonHttpResult<InvocationResponse>> InvokeAsync(
        HttpRequest request, IDispatchQueue queue, Dispatcher dispatcher, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(DispatchFunction).FullName!);
        var (invocation, rejection) = await InvocationContext.ReadAsync(request, Name, "eventId", logger, cancellationToken);
        return invocation is null ? rejection! : await RunAsync(invocation, queue, dispatcher, logger, cancellationToken);
    }

    /// <summary>
    /// Dispatches the event <paramref name="invocation"/> names, under a consumer activity continuing the message's
    /// <c>Diagnostic-Id</c> trace; shared with the Service Bus receiver used outside Functions.
    /// </summary>
    public static async Task<JsonHttpResult<InvocationResponse>> RunAsync(
        InvocationContext invocation, IDispatchQueue queue, Dispatcher dispatcher, ILogger logger, CancellationToken cancellationToken)
    {
        using var activity = TraceContext.StartConsumer(ActivityName, invocation.Metadata.DiagnosticId);
        TraceContext.Tag(invocation.TenantId);
        var result = await DispatchAsync(invocation, queue, dispatcher, logger, cancellationToken);
        TraceContext.SetResult(activity, result.StatusCode ?? StatusCodes.Status200OK);
        return result;
    }

    private static async Task<JsonHttpResult<InvocationResponse>> DispatchAsync(
        InvocationContext invocation, IDispatchQueue queue, Dispatcher dispatcher, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            if (await queue.FindEventAsync(invocation.TenantId, invocation.Id, cancellationToken) is not { } webhookEvent)
            {
                Log.InvocationRejected(logger, Name, "unknown event", invocation.Metadata.MessageId, invocation.Metadata.DeliveryCount);
                return InvocationContext.Fail(StatusCodes.Status404NotFound, $"dispatch: event {invocation.Id} not found");
            }

            var deliveries = await dispatcher.DispatchAsync([webhookEvent], cancellationToken);
            Log.EventDispatchedByInvocation(logger, webhookEvent.Id, deliveries.Count);
            var ids = new JsonArray([.. deliveries.Select(d => JsonValue.Create(d.Id))]);
            return InvocationContext.Ok(InvocationResponse.Of(
                new JsonObject { ["eventId"] = webhookEvent.Id, ["deliveryIds"] = ids },
                $"dispatch: event {webhookEvent.Id} fanned out to {deliveries.Count} deliveries"));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.InvocationFailed(logger, Name, invocation.Metadata.MessageId, invocation.Metadata.DeliveryCount, exception);
            return InvocationContext.Fail(StatusCodes.Status500InternalServerError, $"dispatch: event {invocation.Id} failed ({exception.GetType().Name}); retried by Service Bus");
        }
    }
}
