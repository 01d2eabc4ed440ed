using System.Globalization;

namespace WebhookHub.Delivery;

/// <summary>
/// Parses <c>Retry-After</c> in both forms: delay-seconds (<c>120</c>) and HTTP-date (<c>Wed, 21 Oct 2015 07:28:00 GMT</c>).
/// Source: RFC 9110 §10.2.3.
/// </summary>
public static class RetryAfter
{
    /// <summary>Returns the delay the header asks for from <paramref name="now"/> (zero for a past date), or <see langword="null"/> if absent or invalid.</summary>
    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        value = value.Trim();
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Min(seconds, (long)TimeSpan.FromDays(365).TotalSeconds));
        }

        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var delay = date - now;
            return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
        }

        return null;
    }
}
