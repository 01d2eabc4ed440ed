using System.Net.Http;

namespace WebhookHub.Delivery;

/// <summary>
/// Chooses the response headers stored with a delivery attempt (and shown by <c>GET /api/deliveries/{id}</c>) so that no
/// credential a receiver sends back is kept: the values of <c>Set-Cookie</c>, <c>Cookie</c>, <c>Authorization</c>,
/// <c>Proxy-Authorization</c>, <c>Proxy-Authenticate</c>, <c>WWW-Authenticate</c>, and of every header whose name contains
/// <c>token</c>, <c>secret</c>, <c>key</c>, <c>signature</c>, <c>session</c>, <c>auth</c>, <c>password</c>, <c>credential</c>,
/// <c>cookie</c>, <c>jwt</c>, <c>csrf</c> or <c>xsrf</c> are replaced by <see cref="Redacted"/>, so one can still see that the
/// header came. Names are lowercased; repeated headers are joined with <c>", "</c>; each value is cut to
/// <see cref="MaxValueChars"/> characters (ending in <c>…</c>); at most <see cref="MaxHeaders"/> headers and
/// <see cref="MaxTotalChars"/> characters of names and values are kept, in the order received. Thread-safe.
/// </summary>
public static class ResponseHeaderFilter
{
    /// <summary>The most headers kept per attempt: 32.</summary>
    public const int MaxHeaders = 32;

    /// <summary>The longest value kept, in characters: 256.</summary>
    public const int MaxValueChars = 256;

    /// <summary>The most characters of names and values kept per attempt: 4096.</summary>
    public const int MaxTotalChars = 4096;

    /// <summary>What a sensitive header's value is replaced with.</summary>
    public const string Redacted = "[redacted]";

    private static readonly HashSet<string> SensitiveNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "set-cookie", "set-cookie2", "cookie", "authorization", "proxy-authorization", "proxy-authenticate", "www-authenticate",
    };

    private static readonly string[] SensitiveWords =
        ["token", "secret", "key", "signature", "session", "auth", "password", "passwd", "credential", "cookie", "jwt", "csrf", "xsrf"];

    /// <summary><see langword="true"/> when the value of header <paramref name="name"/> may hold a credential and is not stored.</summary>
    public static bool IsSensitive(string name) =>
        SensitiveNames.Contains(name) || SensitiveWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));

    /// <summary>Returns the headers of <paramref name="response"/> (its content headers included) to store, or <see langword="null"/> when none.</summary>
    public static IReadOnlyDictionary<string, string>? Filter(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return Filter(response.Headers.Concat(response.Content.Headers));
    }

    /// <summary>Returns the headers to store, in the order given, or <see langword="null"/> when none.</summary>
    /// <param name="headers">Header names with their values, as <see cref="System.Net.Http.Headers.HttpHeaders"/> enumerates them.</param>
    public static IReadOnlyDictionary<string, string>? Filter(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers)
    {
        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        var total = 0;
        foreach (var (rawName, values) in headers)
        {
            if (kept.Count == MaxHeaders) break;
            var name = rawName.ToLowerInvariant();
            var value = IsSensitive(name) ? Redacted : string.Join(", ", values);
            if (value.Length > MaxValueChars) value = string.Concat(value.AsSpan(0, MaxValueChars - 1), "…");
            if (kept.TryGetValue(name, out var earlier))
            {
                if (earlier == Redacted) continue;
                value = earlier + ", " + value;
                if (value.Length > MaxValueChars) value = string.Concat(value.AsSpan(0, MaxValueChars - 1), "…");
                total -= name.Length + earlier.Length;
            }

            if (total + name.Length + value.Length > MaxTotalChars) break;
            kept[name] = value;
            total += name.Length + value.Length;
        }

        return kept.Count == 0 ? null : kept;
    }
}
