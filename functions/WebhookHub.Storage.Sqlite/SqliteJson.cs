using System.Text.Json.Serialization;

namespace WebhookHub.Storage.Sqlite;

/// <summary>Source-generated JSON for the list and map columns.</summary>
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(WebhookHub.Tenancy.SourceSecret[]))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class SqliteJson : JsonSerializerContext;
