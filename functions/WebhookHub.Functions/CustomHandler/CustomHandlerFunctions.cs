namespace WebhookHub.Functions.CustomHandler;

/// <summary>
/// The invocation endpoints the Azure Functions host calls for WebhookHub's Service Bus-triggered functions: <c>POST /dispatch</c>
/// and <c>POST /deliver</c> (the host POSTs each non-HTTP invocation to <c>/{functionName}</c>). HTTP functions (ingest, the
/// management API) need none: <c>enableProxyingHttpRequest</c> forwards their requests to the app's own routes unchanged.
/// </summary>
internal static class CustomHandlerFunctions
{
    /// <summary>
    /// Maps the invocation endpoints. Call only when started by the Functions host (<see cref="CustomHandlerPort"/>): the app then
    /// listens on loopback, where only the host can reach them.
    /// </summary>
    public static IEndpointRouteBuilder MapCustomHandlerFunctions(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/" + DispatchFunction.Name, DispatchFunction.InvokeAsync).DisableAntiforgery();
        endpoints.MapPost("/" + DeliverFunction.Name, DeliverFunction.InvokeAsync).DisableAntiforgery();
        return endpoints;
    }
}
