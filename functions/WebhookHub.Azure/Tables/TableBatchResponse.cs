using System.Globalization;
using System.Text;
using Azure;

namespace WebhookHub.Azure.Tables;

/// <summary>
/// Reads the answer to an entity group transaction: a 202 whose <c>multipart/mixed</c> body (boundary <c>batchresponse_…</c>)
/// holds one changeset response (boundary <c>changesetresponse_…</c>) with one <c>application/http</c> part per operation:
/// status line, headers (<c>ETag</c> for writes), blank line, body (the <c>odata.error</c> JSON on failure). When the changeset
/// fails, it holds a single part with the failing status.
/// Source: https://learn.microsoft.com/rest/api/storageservices/performing-entity-group-transactions#batch-response-body.
/// Tolerates LF as well as CRLF line ends.
/// </summary>
internal static class TableBatchResponse
{
    /// <summary>One operation's answer inside the changeset.</summary>
    public readonly record struct Result(int Status, string? ETag, ReadOnlyMemory<byte> Body);

    /// <summary>The operation answers in order.</summary>
    /// <exception cref="TableRequestException">The body is not a multipart answer this parser understands.</exception>
    public static List<Result> Parse(Response response)
    {
        response.Headers.TryGetValue("Content-Type", out var contentType);
        var boundary = Boundary(contentType) ?? throw Malformed(response.Status, "no multipart boundary");
        var results = new List<Result>();
        Collect(response.Content.ToString(), boundary, results, response.Status);
        return results;
    }

    /// <summary>The parts of a multipart <paramref name="body"/> delimited by <paramref name="boundary"/>, without the delimiter lines.</summary>
    internal static List<string> SplitParts(string body, string boundary)
    {
        var delimiter = "--" + boundary;
        var parts = new List<string>();
        var position = body.IndexOf(delimiter, StringComparison.Ordinal);
        while (position >= 0)
        {
            var afterDelimiter = position + delimiter.Length;
            if (string.CompareOrdinal(body, afterDelimiter, "--", 0, 2) == 0) break;
            var start = SkipLineEnd(body, afterDelimiter);
            var next = body.IndexOf("\n" + delimiter, start, StringComparison.Ordinal);
            if (next < 0) break;
            var end = next > start && body[next - 1] == '\r' ? next - 1 : next;
            parts.Add(body[start..end]);
            position = next + 1;
        }

        return parts;
    }

    private static void Collect(string body, string boundary, List<Result> results, int outerStatus)
    {
        foreach (var part in SplitParts(body, boundary))
        {
            var (headers, content) = SplitHeaders(part);
            var partType = HeaderValue(headers, "Content-Type") ?? "";
            if (partType.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase))
                Collect(content, Boundary(partType) ?? throw Malformed(outerStatus, "changeset without boundary"), results, outerStatus);
            else if (partType.StartsWith("application/http", StringComparison.OrdinalIgnoreCase))
                results.Add(ReadHttpResponse(content, outerStatus));
        }
    }

    private static Result ReadHttpResponse(string text, int outerStatus)
    {
        var (head, body) = SplitHeaders(text);
        var lines = head.Split('\n');
        var statusLine = lines[0].TrimEnd('\r').Split(' ', 3);
        if (statusLine.Length < 2 || !statusLine[0].StartsWith("HTTP/", StringComparison.Ordinal)
            || !int.TryParse(statusLine[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            throw Malformed(outerStatus, "operation without a status line");
        var etag = HeaderValue(string.Join('\n', lines.Skip(1)), "ETag");
        return new Result(status, string.IsNullOrEmpty(etag) ? null : etag, Encoding.UTF8.GetBytes(body.TrimEnd('\r', '\n')));
    }

    private static (string Headers, string Body) SplitHeaders(string part)
    {
        var crlf = part.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var lf = part.IndexOf("\n\n", StringComparison.Ordinal);
        if (crlf >= 0 && (lf < 0 || crlf <= lf)) return (part[..crlf], part[(crlf + 4)..]);
        if (lf >= 0) return (part[..lf], part[(lf + 2)..]);
        return (part, "");
    }

    private static string? HeaderValue(string headers, string name)
    {
        foreach (var raw in headers.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var colon = line.IndexOf(':');
            if (colon > 0 && line.AsSpan(0, colon).Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
                return line[(colon + 1)..].Trim();
        }

        return null;
    }

    private static string? Boundary(string? contentType)
    {
        if (contentType is null) return null;
        foreach (var parameter in contentType.Split(';'))
        {
            var pair = parameter.Trim();
            if (pair.StartsWith("boundary=", StringComparison.OrdinalIgnoreCase))
                return pair["boundary=".Length..].Trim('"');
        }

        return null;
    }

    private static int SkipLineEnd(string text, int index)
    {
        if (index < text.Length && text[index] == '\r') index++;
        if (index < text.Length && text[index] == '\n') index++;
        return index;
    }

    private static TableRequestException Malformed(int status, string what) =>
        new(status, null, $"Table SubmitTransaction answered a batch response that could not be read ({what}).");
}
