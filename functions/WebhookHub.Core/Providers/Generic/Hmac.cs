using System.Security.Cryptography;

namespace WebhookHub.Providers;

/// <summary>
/// Generic HMAC scheme for providers without a dedicated one: the signature header holds one or more
/// <c>{prefix}{hex or base64 HMAC}</c> values; the MAC is over a signed-content template (default the raw body), keyed with the
/// secret as UTF-8, hex or base64 bytes, optionally with a signed timestamp checked against a tolerance.
/// </summary>
/// <remarks>
/// <para>Options:</para>
/// <list type="bullet">
/// <item><c>header</c> (required): the signature header.</item>
/// <item><c>algorithm</c>: <c>sha1</c>, <c>sha256</c> (default) or <c>sha512</c>. <c>encoding</c>: <c>hex</c> (default, either case) or <c>base64</c>.</item>
/// <item><c>prefix</c>: text before each MAC, compared case-insensitively (for example <c>sha256=</c> or <c>v1,</c>).</item>
/// <item><c>separator</c>: one character between several signatures in the header (for example a space or comma); any may match.</item>
/// <item><c>secretEncoding</c>: <c>utf8</c> (default), <c>hex</c>, or <c>base64</c> (a <c>whsec_</c> prefix is ignored).</item>
/// <item><c>signedContent</c>: the template of <see cref="SignedContent"/>, default <c>{body}</c>.</item>
/// <item><c>timestampHeader</c>: header with the signed timestamp; <c>timestampFormat</c>: <c>unix</c> (seconds, default),
/// <c>unixms</c> or <c>rfc3339</c>; <c>toleranceSeconds</c>: default 300. A timestamp outside the tolerance, in either
/// direction, is rejected as stale.</item>
/// <item><c>idHeader</c>/<c>idPointer</c> and <c>typeHeader</c>/<c>typePointer</c>: see <see cref="EventLocator"/>.</item>
/// </list>
/// </remarks>
public sealed class Hmac : IProviderScheme
{
    /// <summary>Default tolerance of a signed timestamp: 300 seconds.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    private static readonly string[] Known = ["header", "algorithm", "encoding", "prefix", "separator", "secretEncoding", "signedContent",
        "timestampHeader", "timestampFormat", ProviderOptions.ToleranceSeconds, .. EventLocator.OptionNames];

    /// <inheritdoc/>
    public string Name => "hmac";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options, Known);
        var header = ProviderOptions.Get(options, "header")
            ?? throw new ProviderOptionsException("Provider 'hmac' needs option 'header' naming the signature header.");
        var timestampHeader = ProviderOptions.Get(options, "timestampHeader");
        var locator = EventLocator.FromOptions(options);
        var template = ProviderOptions.Get(options, "signedContent");
        var separator = ProviderOptions.GetVerbatim(options, "separator");
        if (separator is not null && separator.Length != 1)
        {
            throw new ProviderOptionsException($"Option 'separator' must be one character; got '{separator}'.");
        }

        var settings = new HmacSettings(
            header,
            Choice(options, "algorithm", "sha256", ("sha1", HashAlgorithmName.SHA1), ("sha256", HashAlgorithmName.SHA256), ("sha512", HashAlgorithmName.SHA512)),
            Choice(options, "encoding", "hex", ("hex", false), ("base64", true)),
            ProviderOptions.GetVerbatim(options, "prefix") ?? "",
            separator?[0],
            Choice(options, "secretEncoding", "utf8", ("utf8", SecretEncoding.Utf8), ("hex", SecretEncoding.Hex), ("base64", SecretEncoding.Base64)),
            template is null ? SignedContent.BodyOnly : SignedContent.Parse(template, timestampHeader, locator.IdHeader),
            timestampHeader,
            Choice(options, "timestampFormat", "unix", ("unix", TimestampFormat.UnixSeconds), ("unixms", TimestampFormat.UnixMilliseconds), ("rfc3339", TimestampFormat.Rfc3339)),
            ProviderOptions.Tolerance(options, DefaultTolerance),
            locator);
        return new HmacTemplateVerifier(settings);
    }

    private static T Choice<T>(IReadOnlyDictionary<string, string> options, string name, string fallback, params (string Text, T Value)[] choices)
    {
        var text = ProviderOptions.Get(options, name) ?? fallback;
        foreach (var (choice, value) in choices)
        {
            if (string.Equals(choice, text, StringComparison.OrdinalIgnoreCase)) return value;
        }

        var names = choices.Select(c => c.Text).ToArray();
        throw new ProviderOptionsException($"Option '{name}' must be {string.Join(", ", names[..^1])} or {names[^1]}; got '{text}'.");
    }
}
