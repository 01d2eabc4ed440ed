using System.Security.Cryptography;

namespace WebhookHub.Providers;

/// <summary>
/// Generic HMAC scheme for providers without a dedicated one: the signature header holds
/// <c>{prefix}{hex or base64 HMAC of the raw body}</c> keyed with the UTF-8 secret.
/// </summary>
/// <remarks>
/// Options: <c>header</c> (required), <c>algorithm</c> (<c>sha1</c>, <c>sha256</c> default, <c>sha512</c>),
/// <c>encoding</c> (<c>hex</c> default, <c>base64</c>), <c>prefix</c> (for example <c>sha256=</c>),
/// <c>idHeader</c> or <c>idPointer</c> (RFC 6901 JSON Pointer such as <c>/id</c>) for the event ID — without either, the event ID
/// is the lowercase hex SHA-256 of the body — and <c>typeHeader</c> or <c>typePointer</c> for the event type.
/// </remarks>
public sealed class Hmac : IProviderScheme
{
    private static readonly string[] Known = ["header", "algorithm", "encoding", "prefix", "idHeader", "idPointer", "typeHeader", "typePointer"];

    /// <inheritdoc/>
    public string Name => "hmac";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options, Known);
        var header = ProviderOptions.Get(options, "header")
            ?? throw new ProviderOptionsException("Provider 'hmac' needs option 'header' naming the signature header.");
        var algorithm = (ProviderOptions.Get(options, "algorithm") ?? "sha256").ToLowerInvariant() switch
        {
            "sha1" => HashAlgorithmName.SHA1,
            "sha256" => HashAlgorithmName.SHA256,
            "sha512" => HashAlgorithmName.SHA512,
            var other => throw new ProviderOptionsException($"Option 'algorithm' must be sha1, sha256 or sha512; got '{other}'."),
        };
        var base64 = (ProviderOptions.Get(options, "encoding") ?? "hex").ToLowerInvariant() switch
        {
            "hex" => false,
            "base64" => true,
            var other => throw new ProviderOptionsException($"Option 'encoding' must be hex or base64; got '{other}'."),
        };
        var idPointer = ProviderOptions.Get(options, "idPointer");
        var typePointer = ProviderOptions.Get(options, "typePointer");
        foreach (var pointer in new[] { idPointer, typePointer })
        {
            if (pointer is not null && !pointer.StartsWith('/'))
            {
                throw new ProviderOptionsException($"A JSON Pointer option must start with '/'; got '{pointer}'.");
            }
        }

        return new BodyHmacVerifier(new BodyHmacScheme(header, algorithm, base64, ProviderOptions.Get(options, "prefix") ?? "",
            ProviderOptions.Get(options, "idHeader"), idPointer, ProviderOptions.Get(options, "typeHeader"), typePointer));
    }
}
