using System.Globalization;

namespace WebhookHub.Providers;

/// <summary>Parsing and tolerance checks for the signed timestamps of timestamped schemes.</summary>
internal static class Timestamps
{
    /// <summary>Parses Unix seconds; <see langword="false"/> when not a non-negative integer.</summary>
    public static bool TryParseUnixSeconds(ReadOnlySpan<char> text, out long seconds) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seconds);

    /// <summary><see langword="true"/> when <paramref name="unixSeconds"/> is within <paramref name="tolerance"/> of <paramref name="now"/>, in either direction.</summary>
    public static bool IsFresh(long unixSeconds, DateTimeOffset now, TimeSpan tolerance)
    {
        var delta = Math.Abs(now.ToUnixTimeSeconds() - unixSeconds);
        return delta <= (long)tolerance.TotalSeconds;
    }
}
