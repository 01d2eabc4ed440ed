using System.Text.Json.Serialization;
using WebhookHub.Tenancy;

namespace WebhookHub.Azure.Tables;

/// <summary>Source-generated JSON for the list, map and settings properties of table rows: camelCase, nulls left out.</summary>
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(int[]))]
[JsonSerializable(typeof(SourceSecret[]))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(SubscriptionSettings))]
[JsonSerializable(typeof(SubscriptionHealth))]
[JsonSerializable(typeof(SubscriptionSigningKeys))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class TableStoreJson : JsonSerializerContext;
