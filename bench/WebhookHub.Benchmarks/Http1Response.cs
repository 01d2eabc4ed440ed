using System.Buffers.Text;
using System.Text;

namespace WebhookHub.Benchmarks;

/// <summary>
/// Just enough HTTP/1.1 response parsing for the load generator: status line, <c>Content-Length</c> or chunked body,
/// <c>Connection: close</c>. Works on the bytes received so far and says whether the response is complete.
/// </summary>
internal static class Http1Response
{
    /// <summary>Parses <paramref name="received"/>; returns <see langword="false"/> while more bytes are needed.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a well-formed HTTP/1.1 response.</exception>
    public static bool TryParse(ReadOnlySpan<byte> received, out int status, out Range body, out int length, out bool close)
    {
        (status, body, length, close) = (0, default, 0, false);
        var headerEnd = received.IndexOf("\r\n\r\n"u8);
        if (headerEnd < 0) return false;

        var head = received[..headerEnd];
        if (head.Length < 12 || !head.StartsWith("HTTP/1.1 "u8) || !Utf8Parser.TryParse(head.Slice(9, 3), out status, out _))
        {
            throw new InvalidDataException("Not an HTTP/1.1 status line.");
        }

        long? contentLength = null;
        var chunked = false;
        foreach (var range in head.Split("\r\n"u8))
        {
            var line = head[range];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0) continue;
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8) && Utf8Parser.TryParse(value, out long parsed, out _)) contentLength = parsed;
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8)) chunked = Ascii.EqualsIgnoreCase(value, "chunked"u8);
            else if (Ascii.EqualsIgnoreCase(name, "Connection"u8)) close = Ascii.EqualsIgnoreCase(value, "close"u8);
        }

        var bodyStart = headerEnd + 4;
        if (chunked) return TryChunked(received, bodyStart, out body, out length);

        var size = (int)(contentLength ?? 0);
        if (received.Length < bodyStart + size) return false;
        (body, length) = (bodyStart..(bodyStart + size), bodyStart + size);
        return true;
    }

    /// <summary>Walks the chunks; <paramref name="body"/> spans the chunk framing too (good enough for a marker search).</summary>
    private static bool TryChunked(ReadOnlySpan<byte> received, int bodyStart, out Range body, out int length)
    {
        (body, length) = (default, 0);
        var position = bodyStart;
        while (true)
        {
            var lineEnd = received[position..].IndexOf("\r\n"u8);
            if (lineEnd < 0) return false;
            var sizeText = received.Slice(position, lineEnd);
            var extension = sizeText.IndexOf((byte)';');
            if (extension >= 0) sizeText = sizeText[..extension];
            if (!Utf8Parser.TryParse(sizeText, out int size, out _, 'x')) throw new InvalidDataException("Bad chunk size.");
            position += lineEnd + 2;
            if (size == 0)
            {
                // No trailers from Kestrel here: the terminating empty line follows at once.
                if (received.Length < position + 2) return false;
                (body, length) = (bodyStart..position, position + 2);
                return true;
            }

            if (received.Length < position + size + 2) return false;
            position += size + 2;
        }
    }
}
