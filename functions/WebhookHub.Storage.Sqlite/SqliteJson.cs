using System.Text.Json.Serialization;

namespace WebhookHub.Storage.Sqlite;

/// <summary>Source-generated JSON for the list and map columns.</summary>
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(WebhookHub.Tenancy.SourceSecret[]))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class SqliteJson : JsonSerializerContext;

/// <summary>Source-generated JSON for a subscription's settings, health and signing-keys columns: camelCase, nulls left out.</summary>
[JsonSerializable(typeof(WebhookHub.Tenancy.SubscriptionSettings))]
[JsonSerializable(typeof(WebhookHub.Tenancy.SubscriptionHealth))]
[JsonSerializable(typeof(WebhookHub.Tenancy.SubscriptionSigningKeys))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class SqliteSubscriptionJson : JsonSerializerContext;
