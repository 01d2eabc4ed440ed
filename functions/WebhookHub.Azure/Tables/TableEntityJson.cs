using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace WebhookHub.Azure.Tables;

/// <summary>
/// Entity ⇄ OData JSON (version 3.0, <c>odata=minimalmetadata</c>). Types JSON cannot carry natively get a
/// <c>Name@odata.type</c> annotation: Edm.Int64 (decimal string), Edm.DateTime (ISO 8601 UTC, 7 fractional digits),
/// Edm.Binary (base64), Edm.Guid; Edm.Double is annotated too, so 2.0 is not read back as an Int32.
/// Source: https://learn.microsoft.com/rest/api/storageservices/payload-format-for-table-service-operations.
/// </summary>
internal static class TableEntityJson
{
    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>The request body of an insert, update or merge: keys plus every property.</summary>
    public static byte[] Serialize(TableEntity entity)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(TableRestFormat.PartitionKey, entity.PartitionKey);
            writer.WriteString(TableRestFormat.RowKey, entity.RowKey);
            foreach (var (name, value) in entity.Properties)
                WriteProperty(writer, name, value!);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads one entity object of a Get or Query answer; <paramref name="etag"/> wins over the body's odata.etag.</summary>
    public static TableEntity Read(JsonElement element, string? etag)
    {
        string partitionKey = "", rowKey = "";
        string? bodyETag = null;
        DateTimeOffset? timestamp = null;
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
            if (property.Name.EndsWith(TableRestFormat.TypeAnnotationSuffix, StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.String)
                types[property.Name[..^TableRestFormat.TypeAnnotationSuffix.Length]] = property.Value.GetString()!;

        var values = new List<(string Name, object Value)>();
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            if (name == TableRestFormat.PartitionKey) partitionKey = property.Value.GetString() ?? "";
            else if (name == TableRestFormat.RowKey) rowKey = property.Value.GetString() ?? "";
            else if (name == TableRestFormat.Timestamp) timestamp = ParseDateTime(property.Value.GetString()!);
            else if (name == TableRestFormat.ODataETag) bodyETag = property.Value.GetString();
            else if (name.StartsWith("odata.", StringComparison.Ordinal) || name.Contains('@')) continue;
            else if (property.Value.ValueKind != JsonValueKind.Null)
                values.Add((name, ReadValue(property.Value, types.GetValueOrDefault(name))));
        }

        var entity = new TableEntity(partitionKey, rowKey) { ETag = etag ?? bodyETag, Timestamp = timestamp };
        foreach (var (name, value) in values) entity.SetFromService(name, value);
        return entity;
    }

    /// <summary>Formats a time as Edm.DateTime: UTC, 7 fractional digits, <c>Z</c>.</summary>
    public static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    private static void WriteProperty(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case string s:
                writer.WriteString(name, s);
                break;
            case bool b:
                writer.WriteBoolean(name, b);
                break;
            case int i:
                writer.WriteNumber(name, i);
                break;
            case long l:
                Annotate(writer, name, "Edm.Int64");
                writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                Annotate(writer, name, "Edm.Double");
                if (double.IsNaN(d)) writer.WriteString(name, "NaN");
                else if (double.IsPositiveInfinity(d)) writer.WriteString(name, "Infinity");
                else if (double.IsNegativeInfinity(d)) writer.WriteString(name, "-Infinity");
                else writer.WriteNumber(name, d);
                break;
            case DateTimeOffset t:
                Annotate(writer, name, "Edm.DateTime");
                writer.WriteString(name, FormatDateTime(t));
                break;
            case Guid g:
                Annotate(writer, name, "Edm.Guid");
                writer.WriteString(name, g.ToString("D"));
                break;
            case byte[] bytes:
                Annotate(writer, name, "Edm.Binary");
                writer.WriteBase64String(name, bytes);
                break;
            default:
                throw new InvalidOperationException($"Property '{name}' has unsupported type {value.GetType().Name}.");
        }
    }

    private static void Annotate(Utf8JsonWriter writer, string name, string edmType) =>
        writer.WriteString(name + TableRestFormat.TypeAnnotationSuffix, edmType);

    private static object ReadValue(JsonElement value, string? edmType) => edmType switch
    {
        "Edm.Int64" => value.ValueKind == JsonValueKind.String
            ? long.Parse(value.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
            : value.GetInt64(),
        "Edm.Int32" => value.GetInt32(),
        "Edm.Double" => ReadDouble(value),
        "Edm.DateTime" => ParseDateTime(value.GetString()!),
        "Edm.Guid" => Guid.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        "Edm.Binary" => value.GetBytesFromBase64(),
        "Edm.Boolean" => value.GetBoolean(),
        "Edm.String" => value.GetString()!,
        _ => ReadUntyped(value),
    };

    private static object ReadUntyped(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when IsIntegerLiteral(value) && value.TryGetInt32(out var i) => i,
        JsonValueKind.Number => value.GetDouble(),
        _ => value.GetRawText(),
    };

    private static bool IsIntegerLiteral(JsonElement number) =>
        number.GetRawText().AsSpan().IndexOfAny(".eE") < 0;

    private static double ReadDouble(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number) return value.GetDouble();
        return value.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" or "INF" => double.PositiveInfinity,
            "-Infinity" or "-INF" => double.NegativeInfinity,
            var text => double.Parse(text!, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
    }

    private static DateTimeOffset ParseDateTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
