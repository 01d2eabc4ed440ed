using System.Globalization;
using System.Text;

namespace WebhookHub.Azure.Tables;

/// <summary>
/// Makes arbitrary strings into valid PartitionKey/RowKey values and back. Table keys may not contain <c>/</c>, <c>\</c>,
/// <c>#</c>, <c>?</c> or the control characters U+0000–U+001F and U+007F–U+009F, and are at most 1 KiB
/// (https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model#characters-disallowed-in-key-fields).
/// </summary>
/// <remarks>
/// The scheme: each forbidden character and the escape character <c>!</c> itself becomes <c>!</c> followed by its code as two
/// upper-case hex digits (<c>/</c> → <c>!2F</c>, <c>!</c> → <c>!21</c>, U+0000 → <c>!00</c>, U+009F → <c>!9F</c>); everything
/// else, including <c>'</c>, <c>%</c>, <c>+</c>, spaces and non-ASCII letters, is kept. So a key without those characters is
/// unchanged, keys that need no escaping keep their order, and an escaped character sorts where <c>!</c> sorts.
/// Lone surrogates are rejected (they cannot travel as UTF-8). The 1 KiB limit is the service's to enforce.
/// </remarks>
public static class TableKey
{
    /// <summary>The escape character.</summary>
    public const char EscapeChar = '!';

    /// <summary>Whether Table keys forbid <paramref name="c"/>.</summary>
    public static bool IsForbidden(char c) => c is '/' or '\\' or '#' or '?' || char.IsControl(c);

    /// <summary>The key for <paramref name="raw"/>: forbidden characters and <c>!</c> as <c>!XX</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="raw"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="raw"/> holds a lone surrogate.</exception>
    public static string Escape(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var first = FirstToEscape(raw);
        if (first < 0) return raw;
        var text = new StringBuilder(raw.Length + 8).Append(raw, 0, first);
        for (var i = first; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == EscapeChar || IsForbidden(c)) text.Append(EscapeChar).Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            else text.Append(c);
        }

        return text.ToString();
    }

    /// <summary>The original string of a key made by <see cref="Escape"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="FormatException">A <c>!</c> is not followed by two hex digits.</exception>
    public static string Unescape(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var first = key.IndexOf(EscapeChar);
        if (first < 0) return key;
        var text = new StringBuilder(key.Length).Append(key, 0, first);
        for (var i = first; i < key.Length; i++)
        {
            if (key[i] != EscapeChar)
            {
                text.Append(key[i]);
                continue;
            }

            if (i + 2 >= key.Length
                || !byte.TryParse(key.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                throw new FormatException($"'{EscapeChar}' at position {i} of a table key is not followed by two hex digits.");
            text.Append((char)code);
            i += 2;
        }

        return text.ToString();
    }

    /// <summary>Throws when a key holds a character the service forbids.</summary>
    /// <exception cref="ArgumentNullException">A key is null.</exception>
    /// <exception cref="ArgumentException">A key holds <c>/ \ # ?</c> or a control character.</exception>
    internal static void Validate(string partitionKey, string rowKey)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        if (partitionKey.Any(IsForbidden))
            throw new ArgumentException("The PartitionKey holds a character Table keys forbid (/ \\ # ? or a control character); escape it with TableKey.Escape.", nameof(partitionKey));
        if (rowKey.Any(IsForbidden))
            throw new ArgumentException("The RowKey holds a character Table keys forbid (/ \\ # ? or a control character); escape it with TableKey.Escape.", nameof(rowKey));
    }

    private static int FirstToEscape(string raw)
    {
        var first = -1;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (char.IsHighSurrogate(c) && i + 1 < raw.Length && char.IsLowSurrogate(raw[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c)) throw new ArgumentException($"The key holds a lone surrogate at position {i}.", nameof(raw));
            if (first < 0 && (c == EscapeChar || IsForbidden(c))) first = i;
        }

        return first;
    }
}
