using System.Text.Json.Nodes;

namespace WebhookHub.Functions.CustomHandler;

/// <summary>
/// The body a custom handler answers an invocation with: <c>{"Outputs":{…},"Logs":[…],"ReturnValue":…}</c>
/// (learn.microsoft.com/azure/azure-functions/functions-custom-handlers, "Response payload"). <c>Outputs</c> holds one value
/// per output binding of <c>function.json</c>; the host writes <c>Logs</c> to the function's invocation log; <c>ReturnValue</c>
/// goes to a <c>$return</c> output binding, if the function has one. Logs never carry secrets, URLs or payloads.
/// </summary>
/// <param name="Outputs">Output binding values by binding name; empty when the function has none.</param>
/// <param name="Logs">Log lines for the host's invocation log.</param>
/// <param name="ReturnValue">The return value (here a summary of what was done), or <see langword="null"/>.</param>
internal sealed record InvocationResponse(Dictionary<string, JsonNode?> Outputs, List<string> Logs, JsonNode? ReturnValue)
{
    /// <summary>A response with no outputs, the given log lines and return value.</summary>
    public static InvocationResponse Of(JsonNode? returnValue, params string[] logs) => new([], [.. logs], returnValue);
}
