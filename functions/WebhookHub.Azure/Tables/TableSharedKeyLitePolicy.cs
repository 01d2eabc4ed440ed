using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace WebhookHub.Azure.Tables;

/// <summary>
/// Signs each request with Shared Key Lite for the Table service: sets <c>x-ms-date</c> (RFC 1123, from the
/// <see cref="TimeProvider"/>) and <c>Authorization: SharedKeyLite {account}:{signature}</c>, where the signature is the
/// base64 HMAC-SHA256, keyed with the base64-decoded account key, of the UTF-8 string-to-sign
/// <c>{x-ms-date}\n{CanonicalizedResource}</c>, and CanonicalizedResource is <c>/{account}{encoded URI path}</c> plus
/// <c>?comp={value}</c> when the query has a <c>comp</c> parameter.
/// Source: https://learn.microsoft.com/rest/api/storageservices/authorize-with-shared-key#shared-key-lite-and-table-service-format-for-2009-09-19-and-later.
/// </summary>
/// <remarks>
/// Against Azurite's path-style endpoints (http://127.0.0.1:10002/devstoreaccount1/…) the path already starts with the
/// account, so the canonical resource is <c>/devstoreaccount1/devstoreaccount1/…</c>. The policy sits inside the retry loop:
/// every attempt is dated and signed afresh. It never logs or exposes the key or the signature.
/// </remarks>
public sealed class TableSharedKeyLitePolicy : HttpPipelineSynchronousPolicy
{
    private readonly string _accountName;
    private readonly byte[] _key;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the policy.</summary>
    /// <param name="accountName">The storage account name.</param>
    /// <param name="accountKey">The account key, base64 as the portal shows it.</param>
    /// <param name="timeProvider">The clock of <c>x-ms-date</c>.</param>
    /// <exception cref="ArgumentException">The account name is empty or the key is not base64 (the message does not quote it).</exception>
    public TableSharedKeyLitePolicy(string accountName, string accountKey, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountName);
        ArgumentException.ThrowIfNullOrEmpty(accountKey);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _accountName = accountName;
        try
        {
            _key = Convert.FromBase64String(accountKey);
        }
        catch (FormatException)
        {
            throw new ArgumentException("The account key is not base64.", nameof(accountKey));
        }

        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public override void OnSendingRequest(HttpMessage message)
    {
        var date = _timeProvider.GetUtcNow().ToString("R", CultureInfo.InvariantCulture);
        var uri = message.Request.Uri.ToUri();
        message.Request.Headers.SetValue("x-ms-date", date);
        message.Request.Headers.SetValue("Authorization", $"SharedKeyLite {_accountName}:{Sign(BuildStringToSign(date, uri))}");
    }

    /// <summary>The string-to-sign for a request to <paramref name="uri"/> dated <paramref name="date"/> (RFC 1123).</summary>
    internal string BuildStringToSign(string date, Uri uri) => date + "\n" + CanonicalizedResource(_accountName, uri);

    /// <summary>The base64 HMAC-SHA256 of <paramref name="stringToSign"/> under the account key.</summary>
    internal string Sign(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));

    /// <summary><c>/{account}{encoded path}</c>, plus <c>?comp=…</c> when the query names <c>comp</c>.</summary>
    internal static string CanonicalizedResource(string accountName, Uri uri)
    {
        var resource = new StringBuilder("/").Append(accountName).Append(uri.AbsolutePath);
        var query = uri.Query.AsSpan().TrimStart('?');
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            if (pair.StartsWith("comp=", StringComparison.OrdinalIgnoreCase))
            {
                resource.Append("?comp=").Append(Uri.UnescapeDataString(pair[5..].ToString()));
                break;
            }
        }

        return resource.ToString();
    }
}
