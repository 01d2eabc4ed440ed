namespace WebhookHub.Azure.Tables;

/// <summary>
/// Header values and limits of the Table service REST API that more than one file needs.
/// Sources: https://learn.microsoft.com/rest/api/storageservices/payload-format-for-table-service-operations and
/// https://learn.microsoft.com/rest/api/storageservices/setting-the-odata-data-service-version-headers.
/// </summary>
internal static class TableRestFormat
{
    public const string DataServiceVersion = "3.0";
    public const string JsonContentType = "application/json";
    public const string NoMetadata = "application/json;odata=nometadata";
    public const string MinimalMetadata = "application/json;odata=minimalmetadata";
    public const string ReturnNoContent = "return-no-content";
    public const string AnyETag = "*";

    /// <summary>Most entities one $batch may hold (Performing entity group transactions).</summary>
    public const int MaxTransactionActions = 100;

    /// <summary>Largest <c>$top</c> the Query Entities operation accepts.</summary>
    public const int MaxPageSize = 1000;

    public const string PartitionKey = "PartitionKey";
    public const string RowKey = "RowKey";
    public const string Timestamp = "Timestamp";
    public const string ODataETag = "odata.etag";
    public const string TypeAnnotationSuffix = "@odata.type";
}
