using System.Buffers;
using System.Text;

namespace WebhookHub.Providers;

/// <summary>
/// A signed-content template for the generic <c>hmac</c> scheme: literal text with placeholders <c>{body}</c> (the raw
/// bytes), <c>{timestamp}</c> and <c>{id}</c> (the values of the configured timestamp and ID headers), <c>{method}</c>,
/// <c>{url}</c> (the public URL, percent-encoded as requested) and <c>{header:Name}</c>. For example Slack signs
/// <c>v0:{timestamp}:{body}</c> and Standard Webhooks <c>{id}.{timestamp}.{body}</c>. Immutable and thread-safe.
/// </summary>
internal sealed class SignedContent
{
    /// <summary>Just the body: what most providers sign.</summary>
    public static readonly SignedContent BodyOnly = new([new Part(PartKind.Body, null)]);

    private readonly Part[] _parts;

    private SignedContent(Part[] parts) => _parts = parts;

    private enum PartKind { Literal, Body, Header, Method, Url }

    private readonly record struct Part(PartKind Kind, string? Text);

    /// <summary>Whether the template reads the header named <paramref name="name"/> (case-insensitive).</summary>
    public bool UsesHeader(string name) => _parts.Any(p => p.Kind == PartKind.Header && string.Equals(p.Text, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses a template; <c>{timestamp}</c> and <c>{id}</c> resolve to the given headers.</summary>
    /// <exception cref="ProviderOptionsException">An unknown placeholder, an unclosed brace, no <c>{body}</c>, or <c>{timestamp}</c>/<c>{id}</c> without its header option.</exception>
    public static SignedContent Parse(string template, string? timestampHeader, string? idHeader)
    {
        var parts = new List<Part>();
        var literal = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] != '{')
            {
                literal.Append(template[i]);
                continue;
            }

            var close = template.IndexOf('}', i);
            if (close < 0) throw new ProviderOptionsException($"Option 'signedContent' has an unclosed '{{' at position {i}.");
            if (literal.Length > 0) parts.Add(new Part(PartKind.Literal, literal.ToString()));
            literal.Clear();
            parts.Add(Placeholder(template[(i + 1)..close], timestampHeader, idHeader));
            i = close;
        }

        if (literal.Length > 0) parts.Add(new Part(PartKind.Literal, literal.ToString()));
        if (!parts.Any(p => p.Kind == PartKind.Body)) throw new ProviderOptionsException("Option 'signedContent' must contain {body}.");
        return new SignedContent([.. parts]);
    }

    private static Part Placeholder(string name, string? timestampHeader, string? idHeader) => name switch
    {
        "body" => new Part(PartKind.Body, null),
        "method" => new Part(PartKind.Method, null),
        "url" => new Part(PartKind.Url, null),
        "timestamp" => new Part(PartKind.Header, timestampHeader
            ?? throw new ProviderOptionsException("Option 'signedContent' uses {timestamp}, so option 'timestampHeader' is required.")),
        "id" => new Part(PartKind.Header, idHeader
            ?? throw new ProviderOptionsException("Option 'signedContent' uses {id}, so option 'idHeader' is required.")),
        _ when name.StartsWith("header:", StringComparison.Ordinal) && name.Length > 7 => new Part(PartKind.Header, name[7..]),
        _ => throw new ProviderOptionsException($"Option 'signedContent' has unknown placeholder '{{{name}}}'. Known: {{body}}, {{timestamp}}, {{id}}, {{method}}, {{url}}, {{header:Name}}."),
    };

    /// <summary>
    /// Writes the signed bytes of <paramref name="request"/> into a buffer rented from <see cref="ArrayPool{T}.Shared"/>
    /// (the caller returns it), or returns <see langword="null"/> when a header the template reads is absent.
    /// </summary>
    public byte[]? Render(WebhookRequest request, out int length)
    {
        length = 0;
        foreach (var part in _parts)
        {
            if (part.Kind == PartKind.Body)
            {
                length += request.Body.Length;
                continue;
            }

            var value = Value(part, request);
            if (value is null) return null;
            length += Encoding.UTF8.GetByteCount(value);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(length);
        var written = 0;
        foreach (var part in _parts)
        {
            if (part.Kind == PartKind.Body)
            {
                request.Body.Span.CopyTo(buffer.AsSpan(written));
                written += request.Body.Length;
            }
            else
            {
                written += Encoding.UTF8.GetBytes(Value(part, request)!, buffer.AsSpan(written));
            }
        }

        return buffer;
    }

    private static string? Value(Part part, WebhookRequest request) => part.Kind switch
    {
        PartKind.Literal => part.Text,
        PartKind.Header => request.Headers.Get(part.Text!),
        PartKind.Method => request.Method,
        _ => request.Url?.OriginalString,
    };
}
