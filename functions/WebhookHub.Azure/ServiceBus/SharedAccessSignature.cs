using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace WebhookHub.Azure.ServiceBus;

/// <summary>
/// Service Bus shared access signature tokens, the <c>Authorization</c> value of SAS-authenticated requests. Source:
/// https://learn.microsoft.com/azure/service-bus-messaging/service-bus-sas#generate-a-shared-access-signature-token
/// </summary>
public static class SharedAccessSignature
{
    /// <summary>
    /// Makes <c>SharedAccessSignature sr={url-encoded resource}&amp;sig={url-encoded signature}&amp;se={expiry}&amp;skn={url-encoded key name}</c>,
    /// where the signature is the base64 HMAC-SHA256, keyed with the UTF-8 bytes of <paramref name="key"/> (the key string as it
    /// is, not base64-decoded), of the url-encoded resource URI, a line feed, and the expiry in Unix seconds.
    /// </summary>
    /// <param name="resourceUri">The URI the token grants access to and below, e.g. <c>https://ns.servicebus.windows.net/</c>.</param>
    /// <param name="keyName">The shared access policy's name (<c>SharedAccessKeyName</c>).</param>
    /// <param name="key">The policy's key (<c>SharedAccessKey</c>).</param>
    /// <param name="expiresOn">When the token expires; fractions of a second are dropped.</param>
    /// <returns>The token. It is a credential: never log it.</returns>
    /// <exception cref="ArgumentException">An argument is empty.</exception>
    public static string Create(string resourceUri, string keyName, string key, DateTimeOffset expiresOn)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceUri);
        ArgumentException.ThrowIfNullOrEmpty(keyName);
        ArgumentException.ThrowIfNullOrEmpty(key);

        var encodedResource = WebUtility.UrlEncode(resourceUri);
        var expiry = expiresOn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(encodedResource + "\n" + expiry));
        return "SharedAccessSignature sr=" + encodedResource
            + "&sig=" + WebUtility.UrlEncode(Convert.ToBase64String(signature))
            + "&se=" + expiry
            + "&skn=" + WebUtility.UrlEncode(keyName);
    }
}
