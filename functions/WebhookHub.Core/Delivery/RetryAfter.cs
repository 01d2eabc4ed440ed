using System.Globalization;

namespace WebhookHub.Delivery;

/// <summary>
/// Parses <c>Retry-After</c> in both forms: delay-seconds (<c>120</c>) and HTTP-date, in the preferred IMF-fixdate form
/// (<c>Wed, 21 Oct 2015 07:28:00 GMT</c>) and the two obsolete forms recipients must also accept, RFC 850
/// (<c>Wednesday, 21-Oct-15 07:28:00 GMT</c>) and asctime (<c>Wed Oct 21 07:28:00 2015</c>).
/// Source: RFC 9110 §10.2.3 (Retry-After) and §5.6.7 (Date/Time Formats).
/// </summary>
public static class RetryAfter
{
    private static readonly TimeSpan Longest = TimeSpan.FromDays(365);

    private static readonly string[] ObsoleteDateFormats =
    [
        "dddd, dd'-'MMM'-'yy HH':'mm':'ss 'GMT'", // RFC 850
        "ddd MMM d HH':'mm':'ss yyyy",             // asctime (the day is padded with a space: AllowInnerWhite)
    ];

    /// <summary>
    /// Returns the delay the header asks for from <paramref name="now"/> (zero for a past date; at most 365 days), or
    /// <see langword="null"/> if absent or invalid (negative or fractional seconds, an unknown date form).
    /// </summary>
    /// <param name="value">The header's value, or <see langword="null"/>.</param>
    /// <param name="now">The current time, against which an HTTP-date is measured.</param>
    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        value = value.Trim();
        if (value.All(char.IsAsciiDigit))
        {
            return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds < Longest.TotalSeconds
                ? TimeSpan.FromSeconds(seconds)
                : Longest;
        }

        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            || DateTimeOffset.TryParseExact(value, ObsoleteDateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowInnerWhite, out date))
        {
            var delay = date - now;
            return delay <= TimeSpan.Zero ? TimeSpan.Zero : delay < Longest ? delay : Longest;
        }

        return null;
    }
}
