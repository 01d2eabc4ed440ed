using System.Globalization;

namespace WebhookHub.Providers;

/// <summary>Parsing and tolerance checks for the signed timestamps of timestamped schemes.</summary>
internal static class Timestamps
{
    /// <summary>Parses Unix seconds; <see langword="false"/> when not a non-negative integer.</summary>
    public static bool TryParseUnixSeconds(ReadOnlySpan<char> text, out long seconds) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seconds);

    /// <summary>
    /// Parses an RFC 3339 date-time with an offset or <c>Z</c> and any number of fractional-second digits (Twitch sends nine;
    /// digits past the seventh, .NET's tick resolution, are dropped). <see langword="false"/> when not RFC 3339.
    /// </summary>
    public static bool TryParseRfc3339(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        var dot = text.IndexOf('.');
        if (dot > 0)
        {
            var digits = dot + 1;
            while (digits < text.Length && char.IsAsciiDigit(text[digits])) digits++;
            if (digits - dot - 1 > 7) text = string.Concat(text[..(dot + 8)], text[digits..]);
        }

        return text.Length >= 20 && text[10] is 'T' or 't' && (text[^1] is 'Z' or 'z' || text[^6] is '+' or '-')
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    /// <summary><see langword="true"/> when <paramref name="unixSeconds"/> is within <paramref name="tolerance"/> of <paramref name="now"/>, in either direction.</summary>
    public static bool IsFresh(long unixSeconds, DateTimeOffset now, TimeSpan tolerance)
    {
        var delta = Math.Abs(now.ToUnixTimeSeconds() - unixSeconds);
        return delta <= (long)tolerance.TotalSeconds;
    }
}
