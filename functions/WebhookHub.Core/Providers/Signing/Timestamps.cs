using System.Globalization;

namespace WebhookHub.Providers;

/// <summary>Parsing and tolerance checks for the signed timestamps of timestamped schemes.</summary>
internal static class Timestamps
{
    /// <summary>Parses Unix seconds; <see langword="false"/> when not a non-negative integer.</summary>
    public static bool TryParseUnixSeconds(ReadOnlySpan<char> text, out long seconds) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seconds);

    /// <summary>
    /// Parses an RFC 3339 date-time with a <c>Z</c> or numeric offset and up to nine fractional digits (Twitch sends nine).
    /// .NET keeps at most seven (100 ns ticks), so digits past the seventh are dropped before parsing, not rounded.
    /// </summary>
    public static bool TryParseRfc3339(string text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length > 40) return false;
        var dot = text.IndexOf('.');
        if (dot >= 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
            if (end - dot - 1 > 7) text = string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
        }

        return DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"],
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value)
            || DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary><see langword="true"/> when <paramref name="unixSeconds"/> is within <paramref name="tolerance"/> of <paramref name="now"/>, in either direction.</summary>
    public static bool IsFresh(long unixSeconds, DateTimeOffset now, TimeSpan tolerance)
    {
        var delta = Math.Abs(now.ToUnixTimeSeconds() - unixSeconds);
        return delta <= (long)tolerance.TotalSeconds;
    }
}
