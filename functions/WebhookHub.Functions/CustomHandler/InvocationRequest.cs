using System.Text.Json;

namespace WebhookHub.Functions.CustomHandler;

/// <summary>
/// The body the Functions host POSTs to <c>/{functionName}</c> for a non-HTTP trigger:
/// <c>{"Data":{"&lt;binding name&gt;":value,…},"Metadata":{…,"sys":{"MethodName","UtcNow","RandGuid"}}}</c>
/// (learn.microsoft.com/azure/azure-functions/functions-custom-handlers, "Request payload"). <c>Data</c> holds one entry per
/// trigger and input binding of the function's <c>function.json</c>; <c>Metadata</c> holds the trigger's metadata.
/// </summary>
/// <param name="Data">Binding values by binding name (case-insensitive), each as sent.</param>
/// <param name="Metadata">The trigger metadata object, or an empty object when absent.</param>
internal sealed record InvocationRequest(IReadOnlyDictionary<string, JsonElement> Data, JsonElement Metadata)
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;

    /// <summary>Parses an invocation body; returns <see langword="null"/> with <paramref name="error"/> when it is not one.</summary>
    /// <param name="body">The request body (UTF-8 JSON).</param>
    /// <param name="error">Why the body was rejected (no body content is echoed).</param>
    public static InvocationRequest? TryParse(ReadOnlyMemory<byte> body, out string? error)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            error = "invocation body is not JSON";
            return null;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "invocation body is not a JSON object";
            return null;
        }

        var data = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        var metadata = EmptyObject;
        foreach (var property in root.EnumerateObject())
        {
            if (property.NameEquals("Data") && property.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var binding in property.Value.EnumerateObject()) data[binding.Name] = binding.Value;
            }
            else if (property.NameEquals("Metadata") && property.Value.ValueKind == JsonValueKind.Object)
            {
                metadata = property.Value;
            }
        }

        if (data.Count == 0)
        {
            error = "invocation body has no Data";
            return null;
        }

        error = null;
        return new InvocationRequest(data, metadata);
    }

    /// <summary>The trigger's value: the <c>Data</c> entry named <paramref name="bindingName"/>, else the only entry there is.</summary>
    public JsonElement? Trigger(string bindingName) =>
        Data.TryGetValue(bindingName, out var value) ? value : Data.Count == 1 ? Data.Values.First() : null;
}
