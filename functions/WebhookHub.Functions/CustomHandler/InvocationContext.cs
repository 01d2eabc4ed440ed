using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace WebhookHub.Functions.CustomHandler;

/// <summary>One Service Bus-triggered invocation as read from the request: its message ID property and the trigger metadata.</summary>
/// <param name="Function">The function name (the request path), for logs.</param>
/// <param name="TenantId">The tenant the message names (<c>tenantId</c>).</param>
/// <param name="Id">The ID the message carries (<c>eventId</c> or <c>deliveryId</c>).</param>
/// <param name="Metadata">The Service Bus trigger metadata.</param>
internal sealed record InvocationContext(string Function, string TenantId, string Id, ServiceBusMetadata Metadata)
{
    /// <summary>The binding name of the Service Bus trigger in every queue function's <c>function.json</c>.</summary>
    public const string TriggerBinding = "message";

    /// <summary>The most bytes read from an invocation body; WebhookHub's messages are tiny.</summary>
    private const int MaxBodyBytes = 256 * 1024;

    /// <summary>
    /// Reads the invocation of <paramref name="function"/> and the ID property <paramref name="idProperty"/> of its message;
    /// on failure returns the 400 answer (a non-2xx answer: the host abandons the message, so Service Bus redelivers it and
    /// dead-letters it after <c>maxDeliveryCount</c>, where a malformed message belongs).
    /// </summary>
    public static async Task<(InvocationContext? Context, JsonHttpResult<InvocationResponse>? Rejection)> ReadAsync(
        HttpRequest request, string function, string idProperty, ILogger logger, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var read = new byte[8192];
        int count;
        while ((count = await request.Body.ReadAsync(read, cancellationToken)) > 0)
        {
            if (buffer.Length + count > MaxBodyBytes) return (null, Reject(logger, function, "invocation body too large", null));
            buffer.Write(read, 0, count);
        }

        if (InvocationRequest.TryParse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), out var error) is not { } invocation)
        {
            return (null, Reject(logger, function, error!, null));
        }

        var metadata = ServiceBusMetadata.Read(invocation.Metadata);
        if (invocation.Trigger(TriggerBinding) is not { } trigger)
        {
            return (null, Reject(logger, function, $"Data has no \"{TriggerBinding}\" binding", metadata));
        }

        return QueueMessage.TryReadIds(trigger, idProperty, out error) is { } ids
            ? (new InvocationContext(function, ids.TenantId, ids.Id, metadata), null)
            : (null, Reject(logger, function, error!, metadata));
    }

    /// <summary>200 with the protocol body.</summary>
    public static JsonHttpResult<InvocationResponse> Ok(InvocationResponse response) =>
        TypedResults.Json(response, CustomHandlerJson.Default.InvocationResponse);

    /// <summary>A non-2xx answer with the protocol body, so the host fails the invocation and Service Bus retries the message.</summary>
    public static JsonHttpResult<InvocationResponse> Fail(int statusCode, params string[] logs) =>
        TypedResults.Json(InvocationResponse.Of(null, logs), CustomHandlerJson.Default.InvocationResponse, statusCode: statusCode);

    private static JsonHttpResult<InvocationResponse> Reject(ILogger logger, string function, string reason, ServiceBusMetadata? metadata)
    {
        Telemetry.Log.InvocationRejected(logger, function, reason, metadata?.MessageId, metadata?.DeliveryCount ?? 0);
        return Fail(StatusCodes.Status400BadRequest, $"{function}: {reason}");
    }
}
