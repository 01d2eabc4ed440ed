using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;

namespace WebhookHub.Azure.Tables;

/// <summary>
/// Reads the error code (and a transaction's failing index) from an error answer: the JSON body
/// <c>{"odata.error":{"code":"…","message":{"lang":"en-US","value":"…"}}}</c>, else the <c>x-ms-error-code</c> header, else
/// an XML <c>&lt;Code&gt;</c>. Source: https://learn.microsoft.com/rest/api/storageservices/table-service-error-codes and
/// https://learn.microsoft.com/rest/api/storageservices/status-and-error-codes2.
/// </summary>
internal static partial class TableErrors
{
    /// <summary>The error of <paramref name="response"/>.</summary>
    public static TableError Read(Response response)
    {
        var error = Parse(response.Content.ToMemory().Span);
        if (error.Code is null && response.Headers.TryGetValue("x-ms-error-code", out var header) && header.Length > 0)
            error = error with { Code = header };
        return error;
    }

    /// <summary>The error of a body alone (a transaction's failed operation has no outer headers worth reading).</summary>
    public static TableError Parse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty) return new(null, null);
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("odata.error", out var odataError))
            {
                var code = odataError.TryGetProperty("code", out var c) ? c.GetString() : null;
                string? text = null;
                if (odataError.TryGetProperty("message", out var m))
                    text = m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString()
                        : m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                return new(code, FailedIndex(text));
            }
        }
        catch (JsonException)
        {
            // not JSON: fall through to XML
        }

        var xml = XmlCode().Match(System.Text.Encoding.UTF8.GetString(body));
        return new(xml.Success ? xml.Groups[1].Value : null, null);
    }

    /// <summary>The exception for a failed operation: operation, table, status and code, nothing else.</summary>
    public static TableRequestException Exception(string operation, string table, int status, string? code, int? failedIndex = null) =>
        new(status, code,
            string.Create(CultureInfo.InvariantCulture,
                $"Table {operation} on '{table}' failed with status {status} ({code ?? "no error code"}){(failedIndex is { } i ? $" at action {i}" : "")}."),
            failedIndex);

    /// <summary>The zero-based index a transaction error message starts with ("<c>1:The specified entity already exists.</c>").</summary>
    private static int? FailedIndex(string? message)
    {
        if (message is null) return null;
        var match = IndexPrefix().Match(message);
        return match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;
    }

    [GeneratedRegex(@"^(\d{1,3}):")]
    private static partial Regex IndexPrefix();

    [GeneratedRegex("<Code>([^<]*)</Code>")]
    private static partial Regex XmlCode();
}
