using System.Text;

namespace WebhookHub.Azure.Tables;

/// <summary>
/// Writes the body of an entity group transaction: a <c>multipart/mixed; boundary=batch_{guid}</c> body holding one changeset
/// (<c>multipart/mixed; boundary=changeset_{guid}</c>) whose parts are <c>application/http</c> requests with
/// <c>Content-Transfer-Encoding: binary</c>: request line with the absolute URL, headers, blank line, JSON body. Lines end in CRLF.
/// Source: https://learn.microsoft.com/rest/api/storageservices/performing-entity-group-transactions#batch-request-body.
/// </summary>
internal static class TableBatchRequest
{
    /// <summary>The body and its Content-Type (with the batch boundary).</summary>
    public static (string ContentType, byte[] Body) Write(TableClient table, IReadOnlyList<TableTransactionAction> actions)
    {
        var batch = "batch_" + Guid.NewGuid().ToString("D");
        var changeset = "changeset_" + Guid.NewGuid().ToString("D");
        var text = new StringBuilder();
        text.Append("--").Append(batch).Append("\r\n")
            .Append("Content-Type: multipart/mixed; boundary=").Append(changeset).Append("\r\n\r\n");

        foreach (var action in actions)
        {
            var (method, url, ifMatch, hasBody) = Describe(table, action);
            text.Append("--").Append(changeset).Append("\r\n")
                .Append("Content-Type: application/http\r\n")
                .Append("Content-Transfer-Encoding: binary\r\n\r\n")
                .Append(method).Append(' ').Append(url).Append(" HTTP/1.1\r\n")
                .Append("Accept: ").Append(TableRestFormat.NoMetadata).Append("\r\n")
                .Append("DataServiceVersion: ").Append(TableRestFormat.DataServiceVersion).Append("\r\n");
            if (ifMatch is not null) text.Append("If-Match: ").Append(ifMatch).Append("\r\n");
            if (action.ActionType == TableTransactionActionType.Add)
                text.Append("Prefer: ").Append(TableRestFormat.ReturnNoContent).Append("\r\n");
            if (hasBody)
            {
                text.Append("Content-Type: ").Append(TableRestFormat.JsonContentType).Append("\r\n\r\n")
                    .Append(Encoding.UTF8.GetString(TableEntityJson.Serialize(action.Entity)));
            }
            else
            {
                text.Append("\r\n");
            }

            text.Append("\r\n");
        }

        text.Append("--").Append(changeset).Append("--\r\n")
            .Append("--").Append(batch).Append("--\r\n");
        return ("multipart/mixed; boundary=" + batch, Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static (string Method, string Url, string? IfMatch, bool HasBody) Describe(TableClient table, TableTransactionAction action)
    {
        var entity = action.Entity;
        var entityUrl = table.Url(table.EntityPath(entity.PartitionKey, entity.RowKey));
        var ifMatch = action.ETag ?? TableRestFormat.AnyETag;
        return action.ActionType switch
        {
            TableTransactionActionType.Add => ("POST", table.Url("/" + table.Name), null, true),
            TableTransactionActionType.UpdateMerge => ("MERGE", entityUrl, ifMatch, true),
            TableTransactionActionType.UpdateReplace => ("PUT", entityUrl, ifMatch, true),
            TableTransactionActionType.UpsertMerge => ("MERGE", entityUrl, null, true),
            TableTransactionActionType.UpsertReplace => ("PUT", entityUrl, null, true),
            TableTransactionActionType.Delete => ("DELETE", entityUrl, ifMatch, false),
            _ => throw new ArgumentOutOfRangeException(nameof(action), "Unknown transaction action type."),
        };
    }
}
