using System.Text.Json.Serialization;

namespace WebhookHub.Functions.CustomHandler;

/// <summary>Source-generated JSON for the invocation protocol, whose member names are PascalCase (<c>Outputs</c>, <c>Logs</c>, <c>ReturnValue</c>).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.Unspecified)]
[JsonSerializable(typeof(InvocationResponse))]
[JsonSerializable(typeof(string))]
internal sealed partial class CustomHandlerJson : JsonSerializerContext;
