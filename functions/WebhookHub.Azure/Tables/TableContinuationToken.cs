using System.Buffers.Text;
using System.Text;

namespace WebhookHub.Azure.Tables;

/// <summary>
/// Packs the two continuation values of a query (<c>x-ms-continuation-NextPartitionKey</c> and <c>NextRowKey</c>, see
/// https://learn.microsoft.com/rest/api/storageservices/query-timeout-and-pagination) into one opaque string: base64url of
/// <c>"{NextPartitionKey}\n{NextRowKey}"</c> (the row part empty when the service sent none), and unpacks it again.
/// </summary>
internal static class TableContinuationToken
{
    /// <summary>The token, or null when the service sent no continuation (the query is done).</summary>
    public static string? Encode(string? nextPartitionKey, string? nextRowKey) =>
        nextPartitionKey is null && nextRowKey is null
            ? null
            : Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{nextPartitionKey}\n{nextRowKey}"));

    /// <summary>The two values of a token (null where empty).</summary>
    /// <exception cref="ArgumentException">The token was not produced by <see cref="Encode"/>.</exception>
    public static (string? PartitionKey, string? RowKey) Decode(string token)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            throw new ArgumentException("The continuation token is not one this client produced.", "continuationToken");
        }

        var newline = text.IndexOf('\n');
        if (newline < 0) throw new ArgumentException("The continuation token is not one this client produced.", "continuationToken");
        var partition = text[..newline];
        var row = text[(newline + 1)..];
        return (partition.Length > 0 ? partition : null, row.Length > 0 ? row : null);
    }
}
