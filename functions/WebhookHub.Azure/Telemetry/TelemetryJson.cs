using System.Text.Json.Serialization;

namespace WebhookHub.Azure.Telemetry;

/// <summary>Source-generated JSON for the telemetry properties WebhookHub writes as JSON (<c>_MS.links</c>).</summary>
[JsonSerializable(typeof(List<Dictionary<string, string>>))]
internal sealed partial class TelemetryJson : JsonSerializerContext;
