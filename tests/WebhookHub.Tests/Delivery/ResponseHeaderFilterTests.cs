using System.Net;
using System.Net.Http;
using WebhookHub.Delivery;

namespace WebhookHub.Tests.Delivery;

public sealed class ResponseHeaderFilterTests
{
    private static IEnumerable<KeyValuePair<string, IEnumerable<string>>> Headers(params (string Name, string Value)[] headers) =>
        headers.Select(h => new KeyValuePair<string, IEnumerable<string>>(h.Name, [h.Value]));

    [Theory]
    [InlineData("Set-Cookie")]
    [InlineData("Cookie")]
    [InlineData("Authorization")]
    [InlineData("Proxy-Authorization")]
    [InlineData("Proxy-Authenticate")]
    [InlineData("WWW-Authenticate")]
    [InlineData("X-Auth-Token")]
    [InlineData("X-Api-Key")]
    [InlineData("X-Client-Secret")]
    [InlineData("X-Hub-Signature-256")]
    [InlineData("X-Session-Id")]
    [InlineData("Authentication-Info")]
    [InlineData("X-Amz-Security-Token")]
    [InlineData("X-CSRF-Token")]
    [InlineData("X-Password")]
    [InlineData("X-Refresh-JWT")]
    public void IsSensitive_CredentialHeaders_True(string name) => Assert.True(ResponseHeaderFilter.IsSensitive(name));

    [Theory]
    [InlineData("Content-Type")]
    [InlineData("Content-Length")]
    [InlineData("Retry-After")]
    [InlineData("X-Request-Id")]
    [InlineData("Server")]
    [InlineData("Date")]
    [InlineData("Keep-Alive")]
    [InlineData("Cache-Control")]
    [InlineData("Webhookhub-Disable")]
    public void IsSensitive_OrdinaryHeaders_False(string name) => Assert.False(ResponseHeaderFilter.IsSensitive(name));

    [Fact]
    public void Filter_RealResponse_RedactsCredentialsKeepsTheRestLowercased()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("busy") };
        response.Headers.TryAddWithoutValidation("Set-Cookie", "session=abc123; HttpOnly");
        response.Headers.TryAddWithoutValidation("Set-Cookie", "csrf=def456");
        response.Headers.TryAddWithoutValidation("WWW-Authenticate", "Bearer realm=\"hooks\", error=\"invalid_token\"");
        response.Headers.TryAddWithoutValidation("X-Api-Key", "key-ghi789");
        response.Headers.TryAddWithoutValidation("Retry-After", "120");
        response.Headers.TryAddWithoutValidation("X-Request-Id", "req-1");

        var kept = ResponseHeaderFilter.Filter(response)!;

        Assert.Equal(ResponseHeaderFilter.Redacted, kept["set-cookie"]);
        Assert.Equal(ResponseHeaderFilter.Redacted, kept["www-authenticate"]);
        Assert.Equal(ResponseHeaderFilter.Redacted, kept["x-api-key"]);
        Assert.Equal("120", kept["retry-after"]);
        Assert.Equal("req-1", kept["x-request-id"]);
        Assert.StartsWith("text/plain", kept["content-type"]);
        var all = string.Join("\n", kept.Select(h => h.Key + ": " + h.Value));
        Assert.DoesNotContain("abc123", all);
        Assert.DoesNotContain("def456", all);
        Assert.DoesNotContain("ghi789", all);
        Assert.DoesNotContain("invalid_token", all);
    }

    [Fact]
    public void Filter_RepeatedHeader_ValuesJoined()
    {
        var kept = ResponseHeaderFilter.Filter(Headers(("Vary", "Accept"), ("vary", "Origin")))!;

        Assert.Equal("Accept, Origin", kept["vary"]);
    }

    [Fact]
    public void Filter_LongValue_CutTo256CharactersEndingInEllipsis()
    {
        var kept = ResponseHeaderFilter.Filter(Headers(("X-Debug", new string('a', 1000))))!;

        Assert.Equal(ResponseHeaderFilter.MaxValueChars, kept["x-debug"].Length);
        Assert.EndsWith("…", kept["x-debug"]);
    }

    [Fact]
    public void Filter_ManyHeaders_AtMost32()
    {
        var kept = ResponseHeaderFilter.Filter(Headers(Enumerable.Range(0, 100).Select(i => ($"X-H{i}", "v")).ToArray()))!;

        Assert.Equal(32, kept.Count);
        Assert.Equal("x-h0", kept.Keys.First());
        Assert.Equal("x-h31", kept.Keys.Last());
    }

    [Fact]
    public void Filter_LargeHeaders_AtMost4096Characters()
    {
        var kept = ResponseHeaderFilter.Filter(Headers(Enumerable.Range(0, 30).Select(i => ($"X-Big-{i:00}", new string('b', 250))).ToArray()))!;

        var total = kept.Sum(h => h.Key.Length + h.Value.Length);
        Assert.InRange(total, 4096 - 258, 4096);
        Assert.Equal(15, kept.Count);
    }

    [Fact]
    public void Filter_NoHeaders_Null() => Assert.Null(ResponseHeaderFilter.Filter(Headers()));
}
