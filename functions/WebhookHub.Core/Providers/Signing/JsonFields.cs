using System.Text.Json;

namespace WebhookHub.Providers;

/// <summary>Reads event IDs and types out of JSON bodies without building a document (top-level fields) or with one (JSON Pointer).</summary>
internal static class JsonFields
{
    /// <summary>
    /// Reads up to two top-level properties of a JSON object body as strings (numbers are returned as their text).
    /// Returns <see langword="false"/> when the body is not a JSON object; missing properties come back <see langword="null"/>.
    /// </summary>
    public static bool TryReadTopLevel(ReadOnlySpan<byte> json, string first, string? second, out string? firstValue, out string? secondValue)
    {
        firstValue = secondValue = null;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isFirst = reader.ValueTextEquals(first);
                var isSecond = !isFirst && second is not null && reader.ValueTextEquals(second);
                reader.Read();
                if (isFirst || isSecond)
                {
                    var value = ScalarText(ref reader);
                    if (isFirst) firstValue ??= value;
                    else secondValue ??= value;
                }

                reader.Skip();
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Resolves an RFC 6901 JSON Pointer (for example <c>/data/id</c>) to a scalar's text, or <see langword="null"/>.</summary>
    public static string? ReadPointer(ReadOnlyMemory<byte> json, string pointer)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var element = document.RootElement;
            foreach (var rawToken in pointer.Split('/').Skip(1))
            {
                var token = rawToken.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(token, out var child)) element = child;
                else if (element.ValueKind == JsonValueKind.Array && int.TryParse(token, out var index) && index >= 0 && index < element.GetArrayLength()) element = element[index];
                else return null;
            }

            return element.ValueKind switch
            {
                JsonValueKind.String => element.GetString(),
                JsonValueKind.Number => element.GetRawText(),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? ScalarText(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        _ => null,
    };

    /// <summary>Returns the string property <paramref name="name"/> of a JSON object, or <see langword="null"/> when the element is not an object or the property is absent or not a string.</summary>
    public static string? String(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
