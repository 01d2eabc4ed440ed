using WebhookHub.Azure.Tables;

namespace WebhookHub.Tests.Azure.Tables;

/// <summary>TableKey's escaping: examples of the scheme and properties over many random strings.</summary>
public sealed class TableKeyTests
{
    private const string Alphabet = "aZ09 -_.~'\"%+&=:;,!/\\#?\u0000\u0001\u001f\u007f\u0080\u009f\u00a0äß€世";

    [Theory]
    [InlineData("evt_123", "evt_123")]
    [InlineData("", "")]
    [InlineData("a/b", "a!2Fb")]
    [InlineData("back\\slash", "back!5Cslash")]
    [InlineData("#?", "!23!3F")]
    [InlineData("bang!", "bang!21")]
    [InlineData("\u0000\u001f\u007f\u009f", "!00!1F!7F!9F")]
    [InlineData("O'Brien 100% a+b ü", "O'Brien 100% a+b ü")]
    [InlineData("🎉", "🎉")]
    public void Escape_Examples(string raw, string escaped)
    {
        Assert.Equal(escaped, TableKey.Escape(raw));
        Assert.Equal(raw, TableKey.Unescape(escaped));
    }

    [Fact]
    public void EscapeUnescape_RandomStrings_RoundTripAndContainNoForbiddenCharacter()
    {
        var random = new Random(20261121);
        for (var i = 0; i < 5000; i++)
        {
            var raw = RandomString(random, Alphabet);

            var escaped = TableKey.Escape(raw);

            Assert.Equal(raw, TableKey.Unescape(escaped));
            Assert.DoesNotContain(escaped, TableKey.IsForbidden);
            Assert.DoesNotContain(escaped, c => c is '/' or '\\' or '#' or '?' || c <= '\u001f' || c is >= '\u007f' and <= '\u009f');
        }
    }

    [Fact]
    public void Escape_KeysNeedingNoEscape_AreUnchangedSoTheirOrderIsKept()
    {
        var random = new Random(7);
        var safe = new string(Alphabet.Where(c => !TableKey.IsForbidden(c) && c != TableKey.EscapeChar).ToArray());
        for (var i = 0; i < 2000; i++)
        {
            var a = RandomString(random, safe);
            var b = RandomString(random, safe);

            Assert.Equal(a, TableKey.Escape(a));
            Assert.Equal(Math.Sign(string.CompareOrdinal(a, b)), Math.Sign(string.CompareOrdinal(TableKey.Escape(a), TableKey.Escape(b))));
        }
    }

    [Fact]
    public void Escape_DistinctInputs_GiveDistinctKeys()
    {
        var random = new Random(11);
        var seen = new Dictionary<string, string>();
        for (var i = 0; i < 5000; i++)
        {
            var raw = RandomString(random, Alphabet);
            var escaped = TableKey.Escape(raw);
            if (seen.TryGetValue(escaped, out var earlier)) Assert.Equal(earlier, raw);
            seen[escaped] = raw;
        }
    }

    [Theory]
    [InlineData("!")]
    [InlineData("a!2")]
    [InlineData("!zz")]
    [InlineData("!-1")]
    public void Unescape_MalformedEscape_ThrowsFormatException(string key) =>
        Assert.Throws<FormatException>(() => TableKey.Unescape(key));

    [Fact]
    public void Escape_LoneSurrogate_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => TableKey.Escape("a\ud800b"));

    private static string RandomString(Random random, string alphabet)
    {
        var length = random.Next(0, 12);
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = alphabet[random.Next(alphabet.Length)];
        return new string(chars);
    }
}
