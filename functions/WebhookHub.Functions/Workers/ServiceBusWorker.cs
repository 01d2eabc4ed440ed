using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using WebhookHub.Azure.ServiceBus;
using WebhookHub.Delivery;
using WebhookHub.Functions.CustomHandler;
using WebhookHub.Functions.Delivery;
using WebhookHub.Functions.Telemetry;
using WebhookHub.Routing;

namespace WebhookHub.Functions.Workers;

/// <summary>
/// Consumes the dispatch subscription and the deliveries queue over Service Bus's REST peek-lock API, for running WebhookHub with
/// Service Bus outside Azure Functions (<c>WebhookHub:Messaging</c> = <c>ServiceBus</c>, <c>RunWorkers</c> = true). Each message
/// runs the same code as the <c>dispatch</c> and <c>deliver</c> functions; a 2xx outcome completes it, anything else abandons it,
/// so Service Bus redelivers it and dead-letters it after the entity's <c>maxDeliveryCount</c>, as the Functions host would.
/// </summary>
internal sealed class ServiceBusWorker(
    ServiceBusClient client,
    IOptions<ServiceBusOptions> serviceBus,
    IServiceProvider services,
    IOptions<DeliveryOptions> delivery,
    ILogger<ServiceBusWorker> logger) : BackgroundService
{
    /// <summary>How long one receive request waits on the server for a message.</summary>
    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromSeconds(30);

    private const int DispatchReceivers = 2;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = serviceBus.Value;
        var dispatch = client.CreateReceiver(options.EventsTopic, options.DispatchSubscription);
        var deliveries = client.CreateReceiver(options.DeliveriesQueue);
        var deliverReceivers = Math.Clamp(delivery.Value.MaxConcurrency, 1, 64);
        return Task.WhenAll(
            Enumerable.Range(0, DispatchReceivers).Select(_ => ReceiveLoopAsync(dispatch, DispatchFunction.Name, "eventId", stoppingToken))
                .Concat(Enumerable.Range(0, deliverReceivers).Select(_ => ReceiveLoopAsync(deliveries, DeliverFunction.Name, "deliveryId", stoppingToken))));
    }

    private async Task ReceiveLoopAsync(ServiceBusReceiver receiver, string function, string idProperty, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await receiver.ReceiveAsync(ReceiveTimeout, stoppingToken) is not { } message) continue;
                var result = await HandleAsync(message, function, idProperty, stoppingToken);
                if (result.StatusCode is null or (>= 200 and < 300)) await receiver.CompleteAsync(message, CancellationToken.None);
                else await receiver.AbandonAsync(message, CancellationToken.None);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The message (if any) stays locked until its lock expires, then Service Bus redelivers it.
                Log.WorkerLoopFailed(logger, exception);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<JsonHttpResult<InvocationResponse>> HandleAsync(ServiceBusReceivedMessage message, string function, string idProperty, CancellationToken cancellationToken)
    {
        var properties = message.ApplicationProperties.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value, CustomHandlerJson.Default.String));
        var metadata = new ServiceBusMetadata(message.MessageId, message.DeliveryCount, message.EnqueuedTime, properties);
        InvocationContext invocation;
        try
        {
            using var body = JsonDocument.Parse(message.Body);
            if (QueueMessage.TryReadIds(body.RootElement, idProperty, out var error) is not { } ids)
            {
                Log.InvocationRejected(logger, function, error!, message.MessageId, message.DeliveryCount);
                return InvocationContext.Fail(StatusCodes.Status400BadRequest, $"{function}: {error}");
            }

            invocation = new InvocationContext(function, ids.TenantId, ids.Id, metadata);
        }
        catch (JsonException)
        {
            Log.InvocationRejected(logger, function, "message body is not JSON", message.MessageId, message.DeliveryCount);
            return InvocationContext.Fail(StatusCodes.Status400BadRequest, $"{function}: message body is not JSON");
        }

        return function == DispatchFunction.Name
            ? await DispatchFunction.RunAsync(invocation, services.GetRequiredService<IDispatchQueue>(), services.GetRequiredService<Dispatcher>(), logger, cancellationToken)
            : await DeliverFunction.RunAsync(invocation, services.GetRequiredService<IDeliveryStore>(), services.GetRequiredService<EndpointFlow>(), delivery,
                services.GetRequiredService<WebhookHubMetrics>(), services.GetRequiredService<TimeProvider>(), logger, cancellationToken);
    }
}
