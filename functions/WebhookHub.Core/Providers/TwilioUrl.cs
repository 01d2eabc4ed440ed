using System.Globalization;
using System.Text;

namespace WebhookHub.Providers;

/// <summary>
/// The URL spellings a Twilio signature may have been computed over, in the order the official <c>twilio</c> npm library's
/// <c>validateRequest</c> tries them: the URL as received without its port (any port) and with the default port when it has
/// none (Twilio signs the URL as configured, which may or may not say <c>:443</c>), then the URL as a WHATWG parser serialises it (scheme and host lower
/// case, default port dropped, characters such as <c>'</c> in the query percent-encoded) without and with the port, and that
/// form with its query re-encoded the way Node's legacy <c>querystring</c> module does (<c>+</c> → <c>%20</c>, <c>%7E</c> →
/// <c>~</c>), for back ends that signed an escaped form.
/// </summary>
internal static class TwilioUrl
{
    /// <summary>Returns the distinct candidate URLs for <paramref name="url"/> (the percent-encoded text as requested).</summary>
    public static List<string> Candidates(string url)
    {
        var candidates = new List<string>(6);
        Add(candidates, RemovePort(url));
        Add(candidates, AddPort(url));
        if (Normalize(url) is { } normalized)
        {
            var withoutPort = RemovePort(normalized);
            var withPort = AddPort(normalized);
            Add(candidates, withoutPort);
            Add(candidates, withPort);
            Add(candidates, LegacyQuery(withoutPort));
            Add(candidates, LegacyQuery(withPort));
        }

        return candidates;
    }

    private static void Add(List<string> candidates, string url)
    {
        if (!candidates.Contains(url, StringComparer.Ordinal)) candidates.Add(url);
    }

    /// <summary>Splits <c>scheme://userinfo@host:port</c> off the front, without normalising anything.</summary>
    private static bool TrySplit(string url, out string scheme, out string userInfo, out string host, out string port, out string rest)
    {
        scheme = userInfo = host = port = rest = "";
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0 || !char.IsAsciiLetter(url[0])) return false;
        for (var i = 1; i < schemeEnd; i++)
        {
            if (!char.IsAsciiLetterOrDigit(url[i]) && url[i] is not ('+' or '.' or '-')) return false;
        }

        var authorityStart = schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0) authorityEnd = url.Length;
        var authority = url[authorityStart..authorityEnd];
        var at = authority.LastIndexOf('@');
        var hostAndPort = authority[(at + 1)..];
        var portStart = hostAndPort.IndexOf(':', hostAndPort.LastIndexOf(']') + 1);
        scheme = url[..authorityStart];
        userInfo = authority[..(at + 1)];
        host = portStart < 0 ? hostAndPort : hostAndPort[..portStart];
        port = portStart < 0 ? "" : hostAndPort[portStart..];
        rest = url[authorityEnd..];
        return true;
    }

    private static string AddPort(string url) =>
        TrySplit(url, out var scheme, out var userInfo, out var host, out var port, out var rest) && port.Length == 0
            ? scheme + userInfo + host + (scheme.Equals("https://", StringComparison.OrdinalIgnoreCase) ? ":443" : ":80") + rest
            : url;

    private static string RemovePort(string url) =>
        TrySplit(url, out var scheme, out var userInfo, out var host, out _, out var rest) ? scheme + userInfo + host + rest : url;

    /// <summary>
    /// Serialises an http(s) URL the way the WHATWG URL parser does for the cases a webhook URL meets; <see langword="null"/>
    /// when it is not an absolute http(s) URL (the library would throw).
    /// </summary>
    private static string? Normalize(string url)
    {
        if (!TrySplit(url, out var scheme, out var userInfo, out var host, out var port, out var rest)) return null;
        scheme = scheme.ToLowerInvariant();
        if (scheme is not ("http://" or "https://") || host.Length == 0) return null;

        if (port.Length > 1)
        {
            if (!int.TryParse(port.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 65_535) return null;
            port = number == (scheme == "https://" ? 443 : 80) ? "" : ":" + number.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            port = "";
        }

        var queryStart = rest.IndexOf('?');
        var fragmentStart = rest.IndexOf('#');
        if (fragmentStart >= 0 && queryStart > fragmentStart) queryStart = -1;
        var pathEnd = queryStart >= 0 ? queryStart : fragmentStart >= 0 ? fragmentStart : rest.Length;
        var path = rest[..pathEnd].Replace('\\', '/');
        var query = queryStart >= 0 ? rest[queryStart..(fragmentStart > queryStart ? fragmentStart : rest.Length)] : "";
        var fragment = fragmentStart >= 0 ? rest[fragmentStart..] : "";

        var builder = new StringBuilder(url.Length + 16).Append(scheme).Append(userInfo).Append(host.ToLowerInvariant()).Append(port);
        AppendEncoded(builder, RemoveDotSegments(path.Length == 0 ? "/" : path), static c => c is '"' or '<' or '>' or '`' or '{' or '}');
        AppendEncoded(builder, query, static c => c is '"' or '<' or '>' or '\'');
        return builder.Append(fragment).ToString();
    }

    private static string RemoveDotSegments(string path)
    {
        if (!path.Contains("/.", StringComparison.Ordinal)) return path;
        var output = new List<string>();
        var segments = path.Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            if (segment == "..")
            {
                if (output.Count > 0) output.RemoveAt(output.Count - 1);
                if (last) output.Add("");
            }
            else if (segment == ".")
            {
                if (last) output.Add("");
            }
            else
            {
                output.Add(segment);
            }
        }

        return "/" + string.Join('/', output);
    }

    /// <summary>Appends <paramref name="text"/>, percent-encoding controls, space, non-ASCII (as UTF-8) and the set's characters.</summary>
    private static void AppendEncoded(StringBuilder builder, string text, Func<char, bool> inSet)
    {
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c > ' ' && c < 0x7F && !inSet(c))
            {
                builder.Append(c);
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                ? Encoding.UTF8.GetBytes(text.AsSpan(i++, 2), utf8)
                : Encoding.UTF8.GetBytes(char.IsSurrogate(c) ? "\uFFFD" : c.ToString(), utf8);
            foreach (var b in utf8[..length]) builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// Re-encodes the query as Node's <c>querystring.stringify(querystring.parse(query))</c>: pairs decoded (<c>+</c> is a space),
    /// repeated names grouped at their first position, integer-like names first in ascending order (JavaScript object key
    /// order), then every character outside <c>A–Z a–z 0–9 - _ . ! ~ * ' ( )</c> percent-encoded as UTF-8.
    /// </summary>
    private static string LegacyQuery(string url)
    {
        var queryStart = url.IndexOf('?');
        if (queryStart < 0 || queryStart == url.Length - 1) return url;

        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var pair in url[(queryStart + 1)..].Split('&'))
        {
            if (pair.Length == 0) continue;
            var eq = pair.IndexOf('=');
            var key = Decode(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Decode(pair[(eq + 1)..]);
            if (!groups.TryGetValue(key, out var values))
            {
                if (order.Count == 1000) break;
                groups[key] = values = [];
                order.Add(key);
            }

            values.Add(value);
        }

        var keys = order.Where(IsArrayIndex).OrderBy(k => uint.Parse(k, CultureInfo.InvariantCulture)).Concat(order.Where(k => !IsArrayIndex(k)));
        var builder = new StringBuilder(url.Length + 16).Append(url, 0, queryStart + 1);
        var first = true;
        foreach (var key in keys)
        {
            foreach (var value in groups[key])
            {
                if (!first) builder.Append('&');
                first = false;
                AppendEscaped(builder, key);
                builder.Append('=');
                AppendEscaped(builder, value);
            }
        }

        return builder.ToString();
    }

    private static bool IsArrayIndex(string key) =>
        key.Length > 0 && (key == "0" || key[0] != '0') && key.All(char.IsAsciiDigit)
        && uint.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index != uint.MaxValue;

    /// <summary>Decodes <c>+</c> and valid <c>%XX</c> escapes (invalid ones stay as they are), then reads the bytes as UTF-8.</summary>
    public static string Decode(string text)
    {
        if (text.IndexOfAny(['+', '%']) < 0) return text;
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '+') bytes.Add((byte)' ');
            else if (c == '%' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add((byte)Convert.ToInt32(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) bytes.AddRange(Encoding.UTF8.GetBytes(text.Substring(i++, 2)));
            else bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static void AppendEscaped(StringBuilder builder, string text)
    {
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '!' or '~' or '*' or '\'' or '(' or ')') builder.Append(c);
            else builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
    }
}
