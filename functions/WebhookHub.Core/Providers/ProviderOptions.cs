using System.Globalization;

namespace WebhookHub.Providers;

/// <summary>Typed reads of a source's string options, throwing <see cref="ProviderOptionsException"/> with the option's name on bad values.</summary>
internal static class ProviderOptions
{
    /// <summary>The option that overrides a timestamped scheme's tolerance, in whole seconds.</summary>
    public const string ToleranceSeconds = "toleranceSeconds";

    /// <summary>Fails when <paramref name="options"/> holds a key not in <paramref name="known"/>.</summary>
    /// <exception cref="ProviderOptionsException">An unknown option is present.</exception>
    public static void RejectUnknown(string provider, IReadOnlyDictionary<string, string> options, params string[] known)
    {
        foreach (var key in options.Keys)
        {
            if (!known.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                var allowed = known.Length == 0 ? "none" : string.Join(", ", known);
                throw new ProviderOptionsException($"Provider '{provider}' has no option '{key}'. Known options: {allowed}.");
            }
        }
    }

    /// <summary>Returns the option's value, or <see langword="null"/> when absent or blank.</summary>
    public static string? Get(IReadOnlyDictionary<string, string> options, string name) =>
        GetVerbatim(options, name) is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>Returns the option's value even when it is white space (a separator or a prefix such as <c>"Bearer "</c>), or <see langword="null"/> when absent.</summary>
    public static string? GetVerbatim(IReadOnlyDictionary<string, string> options, string name)
    {
        foreach (var (key, value) in options)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) return value;
        }

        return null;
    }

    /// <summary>Reads <see cref="ToleranceSeconds"/>, or returns <paramref name="fallback"/>.</summary>
    /// <param name="options">The source's options.</param>
    /// <param name="fallback">The scheme's default tolerance.</param>
    /// <param name="maxSeconds">The largest value accepted, in seconds (86400 unless a provider's retries need longer).</param>
    /// <exception cref="ProviderOptionsException">The value is not an integer from 1 to <paramref name="maxSeconds"/>.</exception>
    public static TimeSpan Tolerance(IReadOnlyDictionary<string, string> options, TimeSpan fallback, int maxSeconds = 86_400)
    {
        var text = Get(options, ToleranceSeconds);
        if (text is null) return fallback;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds < 1 || seconds > maxSeconds)
        {
            throw new ProviderOptionsException($"Option '{ToleranceSeconds}' must be a whole number of seconds from 1 to {maxSeconds}; got '{text}'.");
        }

        return TimeSpan.FromSeconds(seconds);
    }
}
