using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace WebhookHub.Functions.Ingest;

/// <summary>Reads a request body once, into an exact-size array, refusing bodies over a limit.</summary>
internal static class BodyReader
{
    /// <summary>Returns the body, or <see langword="null"/> when it exceeds <paramref name="limit"/> bytes.</summary>
    /// <exception cref="EndOfStreamException">The client sent fewer bytes than its Content-Length.</exception>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } length)
        {
            if (length > limit) return null;
            var body = new byte[length];
            await request.Body.ReadExactlyAsync(body, cancellationToken);
            return body;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var total = 0;
        try
        {
            while (true)
            {
                if (total == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, total).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(total, Math.Min(buffer.Length, limit + 1) - total), cancellationToken);
                if (read == 0) return buffer.AsSpan(0, total).ToArray();
                total += read;
                if (total > limit) return null;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
